import { useApi } from '@backstage/core-plugin-api';
import { Card, CardBody, CardHeader, Skeleton, Text } from '@backstage/ui';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationHealthApiRef } from '../../api';
import { LoadError } from '../LoadError';
import { AgendaList } from './AgendaList';
import { EntryDialog } from './EntryDialog';
import { useCalendarSignal } from './useCalendarSignal';
import { readable } from '../Readable';

/**
 * The calendar entries that touch an entity: changes in the APIs it provides
 * (or, for an API, in itself) and changes that reach it as a consumer, with
 * the acknowledgement state and the acknowledge action one click away.
 */
export function CalendarAgendaCard(props: {
  entityRef: string;
  apiRefs: string[];
}) {
  const api = useApi(integrationHealthApiRef);
  const [openId, setOpenId] = useState<string>();
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const entries = await api.getCalendar();
    return entries.filter(
      e =>
        props.apiRefs.includes(e.apiRef) ||
        e.consumers.some(c => c.consumerRef === props.entityRef),
    );
  }, [api, props.entityRef, props.apiRefs.join(',')]);
  useCalendarSignal(retry);

  return (
    <Card className={readable}>
      <CardHeader>
        <Text as="h3" variant="title-x-small">
          On the breaking-change calendar
        </Text>
      </CardHeader>
      <CardBody>
        {loading && !value && <Skeleton width="100%" height={48} />}
        {error && <LoadError what="the calendar" error={error} />}
        {value && value.length === 0 && (
          <Text as="p" color="secondary">
            No dated breaking change touches this entity.
          </Text>
        )}
        {value && value.length > 0 && (
          <AgendaList entries={value} onOpen={setOpenId} />
        )}
      </CardBody>
      <EntryDialog
        entryId={openId}
        onClose={() => setOpenId(undefined)}
        onChanged={retry}
      />
    </Card>
  );
}
