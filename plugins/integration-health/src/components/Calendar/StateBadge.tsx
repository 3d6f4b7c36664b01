import styles from './Calendar.module.css';

const LABELS: Record<string, string> = {
  acknowledged: 'Acknowledged',
  pending: 'Pending',
  overdue: 'Overdue',
  cancelled: 'Cancelled',
  none: 'No consumers',
};

/** A consumer's (or an entry's worst) acknowledgement state. */
export function StateBadge({ state }: { state: string }) {
  return (
    <span className={`${styles.state} ${styles[state] ?? ''}`}>
      {LABELS[state] ?? state}
    </span>
  );
}
