import { ObservedEdgeStatus } from '@integration-health/plugin-integration-health-common';
import {
  RiCheckboxCircleFill,
  RiErrorWarningFill,
  RiEyeOffLine,
  RiQuestionLine,
} from '@remixicon/react';
import styles from './ObservedCard.module.css';

const LABELS: Record<ObservedEdgeStatus, string> = {
  confirmed: 'Confirmed',
  undeclared: 'Undeclared',
  'not-observed': 'Not observed',
  'unknown-service': 'Unknown service',
};

const ICONS: Record<ObservedEdgeStatus, typeof RiEyeOffLine> = {
  confirmed: RiCheckboxCircleFill,
  undeclared: RiErrorWarningFill,
  'not-observed': RiEyeOffLine,
  'unknown-service': RiQuestionLine,
};

const CLASSES: Record<ObservedEdgeStatus, string> = {
  confirmed: styles.confirmed,
  undeclared: styles.undeclared,
  'not-observed': styles.notObserved,
  'unknown-service': styles.unknownService,
};

/** How a declared or observed edge compares, in words. */
export function observedStatusLabel(status: ObservedEdgeStatus): string {
  return LABELS[status];
}

/** An edge's status as a chip: an icon and a word, never colour alone. */
export function ObservedStatusBadge({
  status,
}: {
  status: ObservedEdgeStatus;
}) {
  const Icon = ICONS[status];
  return (
    <span className={`${styles.status} ${CLASSES[status]}`}>
      <Icon aria-hidden focusable={false} size={12} style={{ flexShrink: 0 }} />
      {LABELS[status]}
    </span>
  );
}
