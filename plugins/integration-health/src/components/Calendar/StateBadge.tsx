import {
  RiAlarmWarningFill,
  RiCheckboxCircleFill,
  RiForbidLine,
  RiSubtractLine,
  RiTimeLine,
} from '@remixicon/react';
import styles from './Calendar.module.css';

const LABELS: Record<string, string> = {
  acknowledged: 'Acknowledged',
  pending: 'Pending',
  overdue: 'Overdue',
  cancelled: 'Cancelled',
  none: 'No consumers',
};

const ICONS: Record<string, typeof RiTimeLine> = {
  acknowledged: RiCheckboxCircleFill,
  pending: RiTimeLine,
  overdue: RiAlarmWarningFill,
  cancelled: RiForbidLine,
  none: RiSubtractLine,
};

/** The state in words (what a screen reader says after an entry's title). */
export function stateLabel(state: string): string {
  return LABELS[state] ?? state;
}

/** The state's shape, so it never rests on colour alone. */
export function StateIcon({ state }: { state: string }) {
  const Icon = ICONS[state];
  return Icon ? (
    <Icon aria-hidden focusable={false} size={12} style={{ flexShrink: 0 }} />
  ) : null;
}

/** A consumer's (or an entry's worst) acknowledgement state. */
export function StateBadge({ state }: { state: string }) {
  return (
    <span className={`${styles.state} ${styles[state] ?? ''}`}>
      <StateIcon state={state} />
      {stateLabel(state)}
    </span>
  );
}
