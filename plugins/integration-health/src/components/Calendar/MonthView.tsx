import { Button, Flex, Text } from '@backstage/ui';
import { CalendarEntry } from '@integration-health/plugin-integration-health-common';
import styles from './Calendar.module.css';
import { worstState } from './filterEntries';
import { stateLabel, StateIcon } from './StateBadge';
import { SrOnly } from '../SrOnly';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const iso = (date: Date) => date.toISOString().slice(0, 10);

/** The weeks (Monday first) that show a month, as UTC dates. */
function weeksOf(year: number, month: number): Date[][] {
  const first = new Date(Date.UTC(year, month, 1));
  const start = new Date(first);
  start.setUTCDate(1 - ((first.getUTCDay() + 6) % 7));
  const weeks: Date[][] = [];
  for (let cursor = new Date(start); weeks.length < 6; ) {
    const week = Array.from(
      { length: 7 },
      (_, i) => new Date(cursor.getTime() + i * 86_400_000),
    );
    weeks.push(week);
    cursor = new Date(cursor.getTime() + 7 * 86_400_000);
    if (cursor.getUTCMonth() !== month && cursor > first) break;
  }
  return weeks;
}

/** A month grid with each entry on its effective date. */
export function MonthView(props: {
  entries: CalendarEntry[];
  month: { year: number; month: number };
  onMonthChange: (month: { year: number; month: number }) => void;
  onOpen: (id: string) => void;
}) {
  const { year, month } = props.month;
  const byDay = new Map<string, CalendarEntry[]>();
  for (const entry of props.entries) {
    const key = entry.effectiveAt.slice(0, 10);
    byDay.set(key, [...(byDay.get(key) ?? []), entry]);
  }
  const title = new Date(Date.UTC(year, month, 1)).toLocaleDateString('en', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const move = (delta: number) => {
    const next = new Date(Date.UTC(year, month + delta, 1));
    props.onMonthChange({
      year: next.getUTCFullYear(),
      month: next.getUTCMonth(),
    });
  };
  const today = iso(new Date());
  return (
    <Flex direction="column" gap="2">
      <Flex align="center" gap="2">
        <Button
          size="small"
          variant="secondary"
          onPress={() => move(-1)}
          aria-label="Previous month"
        >
          ‹
        </Button>
        <Text as="h3" variant="title-x-small">
          {title}
        </Text>
        <Button
          size="small"
          variant="secondary"
          onPress={() => move(1)}
          aria-label="Next month"
        >
          ›
        </Button>
      </Flex>
      <table
        className={styles.month}
        aria-label={`Breaking changes in ${title}`}
      >
        <thead>
          <tr>
            {WEEKDAYS.map(d => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeksOf(year, month).map(week => (
            <tr key={iso(week[0])}>
              {week.map(date => {
                const key = iso(date);
                const classes = [
                  date.getUTCMonth() !== month ? styles.otherMonth : '',
                  key === today ? styles.today : '',
                ].join(' ');
                return (
                  <td key={key} className={classes}>
                    <span className={styles.dayNumber}>
                      {date.getUTCDate()}
                    </span>
                    {(byDay.get(key) ?? []).map(entry => {
                      const state = worstState(entry);
                      return (
                        <button
                          type="button"
                          key={entry.id}
                          className={`${styles.entryButton} ${styles.chip} ${
                            styles[state] ?? ''
                          }`}
                          onClick={() => props.onOpen(entry.id)}
                          title={`${entry.title} (${stateLabel(state)})`}
                        >
                          <StateIcon state={state} />
                          <span className={styles.chipTitle}>
                            {entry.title}
                          </span>
                          <SrOnly> ({stateLabel(state)})</SrOnly>
                        </button>
                      );
                    })}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Flex>
  );
}
