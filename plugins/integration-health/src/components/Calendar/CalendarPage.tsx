import { useApi } from '@backstage/core-plugin-api';
import {
  Button,
  Card,
  CardBody,
  Flex,
  Select,
  Skeleton,
  Text,
} from '@backstage/ui';
import { CalendarEntry } from '@integration-health/plugin-integration-health-common';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationHealthApiRef } from '../../api';
import { LoadError } from '../LoadError';
import { AgendaList } from './AgendaList';
import { AnnounceDialog } from './AnnounceDialog';
import { EntryDialog } from './EntryDialog';
import { FeedSubscription } from './FeedSubscription';
import { CalendarFilterState, filterEntries, shortRef } from './filterEntries';
import { MonthView } from './MonthView';
import { useCalendarSignal } from './useCalendarSignal';
import { readable } from '../Readable';

const ALL = '__all__';

function options(refs: string[], all: string) {
  return [
    { value: ALL, label: all },
    ...[...new Set(refs)]
      .sort()
      .map(ref => ({ value: ref, label: shortRef(ref) })),
  ];
}

function Filters(props: {
  entries: CalendarEntry[];
  filter: CalendarFilterState;
  onChange: (filter: CalendarFilterState) => void;
}) {
  const { entries, filter, onChange } = props;
  const teams = entries.flatMap(e => [
    ...e.providerOwnerRefs,
    ...e.consumers.flatMap(c =>
      c.consumerOwnerRef ? [c.consumerOwnerRef] : [],
    ),
  ]);
  const set = (key: keyof CalendarFilterState) => (value: unknown) =>
    onChange({
      ...filter,
      [key]: value === ALL || value === null ? undefined : String(value),
    });
  return (
    <Flex gap="3">
      <Select
        label="Team"
        options={options(teams, 'All teams')}
        value={filter.teamRef ?? ALL}
        onChange={set('teamRef')}
      />
      <Select
        label="API"
        options={options(
          entries.map(e => e.apiRef),
          'All APIs',
        )}
        value={filter.apiRef ?? ALL}
        onChange={set('apiRef')}
      />
      <Select
        label="State"
        options={[
          { value: ALL, label: 'Any state' },
          { value: 'pending', label: 'Pending' },
          { value: 'overdue', label: 'Overdue' },
          { value: 'acknowledged', label: 'Acknowledged' },
          { value: 'cancelled', label: 'Cancelled' },
        ]}
        value={filter.state ?? ALL}
        onChange={set('state')}
      />
    </Flex>
  );
}

/**
 * The breaking-change calendar: every dated breaking change (detected in
 * spec history or announced), as a month or an agenda, filtered by team, API
 * and state; each opens its consumers and their acknowledgements.
 *
 * @public
 */
export function CalendarPage() {
  const api = useApi(integrationHealthApiRef);
  const [params, setParams] = useSearchParams();
  const [filter, setFilter] = useState<CalendarFilterState>({});
  const [view, setView] = useState<'agenda' | 'month'>('agenda');
  const [announcing, setAnnouncing] = useState(false);
  const now = new Date();
  const [month, setMonth] = useState({
    year: now.getUTCFullYear(),
    month: now.getUTCMonth(),
  });
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getCalendar({ includeCancelled: true }),
    [api],
  );
  // Another user's acknowledgement, or a new entry, refreshes the page.
  useCalendarSignal(retry);

  const entries = useMemo(
    () => filterEntries(value ?? [], filter),
    [value, filter],
  );
  const openId = params.get('entry') ?? undefined;
  const open = (id: string | undefined) => {
    const next = new URLSearchParams(params);
    if (id) next.set('entry', id);
    else next.delete('entry');
    setParams(next, { replace: true });
  };

  return (
    <Flex direction="column" gap="4" p="4">
      <div>
        <Text as="h1" variant="title-medium">
          Breaking-change calendar
        </Text>
        <Text as="p" variant="body-medium" color="secondary">
          Changes that break consumers, with the date they take effect and
          whether each consumer's owners acknowledged them.
        </Text>
      </div>
      <Flex justify="between" align="center" gap="3">
        <Flex gap="1" role="group" aria-label="View">
          <Button
            variant={view === 'agenda' ? 'primary' : 'secondary'}
            onPress={() => setView('agenda')}
          >
            Agenda
          </Button>
          <Button
            variant={view === 'month' ? 'primary' : 'secondary'}
            onPress={() => setView('month')}
          >
            Month
          </Button>
        </Flex>
        <Button variant="secondary" onPress={() => setAnnouncing(true)}>
          Announce a change
        </Button>
      </Flex>
      {value && (
        <Filters entries={value} filter={filter} onChange={setFilter} />
      )}
      <Card className={readable}>
        <CardBody>
          {loading && !value && (
            <Flex
              direction="column"
              gap="2"
              aria-busy="true"
              aria-label="Loading the calendar"
            >
              <Skeleton width="100%" height={32} />
              <Skeleton width="100%" height={32} />
              <Skeleton width="100%" height={32} />
            </Flex>
          )}
          {error && (
            <LoadError what="the calendar" error={error} retry={retry} />
          )}
          {value && view === 'agenda' && (
            <AgendaList entries={entries} onOpen={open} />
          )}
          {value && view === 'month' && (
            <MonthView
              entries={entries}
              month={month}
              onMonthChange={setMonth}
              onOpen={open}
            />
          )}
        </CardBody>
      </Card>
      <FeedSubscription />
      {announcing && (
        <AnnounceDialog
          isOpen
          onClose={() => setAnnouncing(false)}
          onSaved={entry => {
            retry();
            open(entry.id);
          }}
        />
      )}
      <EntryDialog
        entryId={openId}
        onClose={() => open(undefined)}
        onChanged={retry}
      />
    </Flex>
  );
}
