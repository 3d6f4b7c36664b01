import { ReactNode } from 'react';
import styles from './LevelBadge.module.css';

/** A small coloured label for how much a change matters. */
export function LevelBadge(props: {
  tone: 'breaking' | 'warning' | 'info';
  children: ReactNode;
}) {
  return (
    <span className={`${styles.badge} ${styles[props.tone]}`}>
      {props.children}
    </span>
  );
}
