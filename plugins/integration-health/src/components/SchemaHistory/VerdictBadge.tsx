import {
  RiCheckboxCircleFill,
  RiCloseCircleFill,
  RiQuestionLine,
} from '@remixicon/react';
import styles from './SchemaHistory.module.css';

const ICONS = {
  ok: RiCheckboxCircleFill,
  broken: RiCloseCircleFill,
  unknown: RiQuestionLine,
};

/** A verdict in words with a shape, so it never rests on colour alone. */
export function VerdictBadge(props: {
  tone: 'ok' | 'broken' | 'unknown';
  children: string;
}) {
  const Icon = ICONS[props.tone];
  return (
    <span className={`${styles.verdict} ${styles[props.tone]}`}>
      <Icon aria-hidden focusable={false} size={12} />
      {props.children}
    </span>
  );
}
