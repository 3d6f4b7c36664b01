import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import { CalendarEntry } from '@integration-health/plugin-integration-health-common';
import styles from './Calendar.module.css';
import { stateSummary, worstState } from './filterEntries';
import { StateBadge } from './StateBadge';
import { formatDay } from './formatDay';

/** The entries in date order, each opening its detail. */
export function AgendaList(props: {
  entries: CalendarEntry[];
  onOpen: (id: string) => void;
}) {
  if (props.entries.length === 0) {
    return (
      <Text as="p" color="secondary">
        Nothing on the calendar for these filters.
      </Text>
    );
  }
  return (
    <ul className={styles.agenda} aria-label="Breaking changes by date">
      {props.entries.map(entry => (
        <li key={entry.id} className={styles.agendaItem}>
          <Text variant="body-small">{formatDay(entry.effectiveAt)}</Text>
          <Flex direction="column" gap="1">
            <button
              type="button"
              className={styles.entryButton}
              onClick={() => props.onOpen(entry.id)}
            >
              {entry.title}
            </button>
            <Text variant="body-small" color="secondary">
              <EntityRefLink entityRef={entry.apiRef} /> · {entry.origin} ·{' '}
              {stateSummary(entry)}
            </Text>
          </Flex>
          <StateBadge state={worstState(entry)} />
        </li>
      ))}
    </ul>
  );
}
