import { linePaths } from './linePaths';
import styles from './Sparkline.module.css';

/**
 * A small line of daily values from 0 to 100, oldest first; days without a
 * value (unknown) leave a gap. Described in words for screen readers.
 */
export function Sparkline(props: {
  values: (number | undefined)[];
  label: string;
  width?: number;
  height?: number;
}) {
  const { values, label, width = 120, height = 28 } = props;
  const known = values.filter((v): v is number => v !== undefined);
  const description =
    known.length === 0
      ? `${label}: no values yet`
      : `${label}: ${
          known.length === 1
            ? known[0]
            : `from ${known[0]} to ${known[known.length - 1]}`
        } over ${values.length} days`;
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  const x = (i: number) => 2 + i * step;
  const y = (v: number) => 2 + (height - 4) * (1 - v / 100);
  const segments = linePaths(values, x, y);
  const lastIndex = values.map(v => v !== undefined).lastIndexOf(true);
  return (
    <svg
      className={styles.sparkline}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={description}
    >
      <title>{description}</title>
      <line
        className={styles.baseline}
        x1={2}
        x2={width - 2}
        y1={y(50)}
        y2={y(50)}
      />
      {segments.map(d => (
        <path key={d} className={styles.line} d={d} />
      ))}
      {lastIndex >= 0 && (
        <circle
          className={styles.dot}
          cx={x(lastIndex)}
          cy={y(values[lastIndex]!)}
          r={2.5}
        />
      )}
    </svg>
  );
}
