import { ReactNode } from 'react';
import styles from './SrOnly.module.css';

/**
 * Words for screen readers only, inline: @backstage/ui's VisuallyHidden is a
 * div, which may not sit inside a button or a span.
 */
export function SrOnly({ children }: { children: ReactNode }) {
  return <span className={styles.srOnly}>{children}</span>;
}
