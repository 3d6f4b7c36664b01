import styles from './Readable.module.css';

/** The class that keeps secondary text at AA contrast in the dark theme. */
export const readable = styles.readable;
