import { IntegrationIncident } from '@integration-health/plugin-integration-health-common';
import { linePaths } from '../Sparkline';
import styles from './Incidents.module.css';

const DAY_MS = 86_400_000;
const WIDTH = 560;
const HEIGHT = 110;
const PAD = { left: 28, right: 8, top: 8, bottom: 18 };

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * An integration's daily contract and mock freshness over the last `days`
 * days with its incidents marked, so a reader sees whether the scores fell
 * before things broke. Described in words for screen readers.
 */
export function ScoreTimeline(props: {
  snapshots: { day: string; contract?: number; mock?: number }[];
  incidents: IntegrationIncident[];
  days: number;
  now?: Date;
}) {
  const { snapshots, incidents, days } = props;
  const end = Date.parse(isoDay((props.now ?? new Date()).getTime()));
  const start = end - (days - 1) * DAY_MS;
  const byDay = new Map(snapshots.map(s => [s.day, s]));
  const dayList = Array.from({ length: days }, (_, i) =>
    isoDay(start + i * DAY_MS),
  );
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const x = (i: number) => PAD.left + (i * innerWidth) / Math.max(days - 1, 1);
  const y = (v: number) =>
    PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - v / 100);
  const xOfTime = (time: number) =>
    PAD.left + ((time - start) / ((days - 1) * DAY_MS)) * innerWidth;
  const shown = incidents.filter(i => Date.parse(i.occurredAt) >= start);

  const describe = (incident: IntegrationIncident) => {
    const before = incident.scoresBefore;
    const scores = before
      ? `the day before: contract ${before.contract ?? 'unknown'}, mocks ${
          before.mock ?? 'unknown'
        }`
      : 'no scores before it';
    return `incident on ${incident.occurredAt.slice(0, 10)} (${scores})`;
  };
  const description = `Contract and mock freshness over the last ${days} days${
    shown.length ? `, with ${shown.map(describe).join('; ')}` : ''
  }`;

  return (
    <figure className={styles.timeline}>
      <svg
        width={WIDTH}
        height={HEIGHT}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={description}
      >
        <title>{description}</title>
        {[0, 50, 100].map(v => (
          <g key={v}>
            <line
              className={styles.grid}
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(v)}
              y2={y(v)}
            />
            <text className={styles.axis} x={PAD.left - 4} y={y(v) + 3}>
              {v}
            </text>
          </g>
        ))}
        <text className={styles.axisStart} x={PAD.left} y={HEIGHT - 4}>
          {dayList[0]}
        </text>
        <text className={styles.axis} x={WIDTH - PAD.right} y={HEIGHT - 4}>
          today
        </text>
        {linePaths(
          dayList.map(d => byDay.get(d)?.contract),
          x,
          y,
        ).map(d => (
          <path key={`c${d}`} className={styles.contract} d={d} />
        ))}
        {linePaths(
          dayList.map(d => byDay.get(d)?.mock),
          x,
          y,
        ).map(d => (
          <path key={`m${d}`} className={styles.mock} d={d} />
        ))}
        {(['contract', 'mock'] as const).map(key => {
          // The newest value as a dot, so a single day still shows.
          const index = dayList.findLastIndex(
            d => byDay.get(d)?.[key] !== undefined,
          );
          return (
            index >= 0 && (
              <circle
                key={key}
                className={
                  key === 'contract' ? styles.contractDot : styles.mockDot
                }
                cx={x(index)}
                cy={y(byDay.get(dayList[index])![key]!)}
                r={3}
              />
            )
          );
        })}
        {shown.map(incident => {
          const at = xOfTime(Date.parse(incident.occurredAt));
          return (
            <g key={incident.id}>
              <line
                className={styles.incident}
                x1={at}
                x2={at}
                y1={PAD.top}
                y2={HEIGHT - PAD.bottom}
              />
              <circle
                className={styles.incidentDot}
                cx={at}
                cy={PAD.top}
                r={3.5}
              />
            </g>
          );
        })}
      </svg>
      <figcaption className={styles.legend}>
        <span className={styles.legendContract}>Contract</span>
        <span className={styles.legendMock}>Mocks</span>
        <span className={styles.legendIncident}>Incident</span>
      </figcaption>
    </figure>
  );
}
