import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Button,
  Dialog,
  DialogBody,
  DialogHeader,
  Flex,
  Link,
  Skeleton,
  Text,
} from '@backstage/ui';
import { parseEntityRef } from '@backstage/catalog-model';
import { CalendarEntry } from '@integration-health/plugin-integration-health-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationHealthApiRef } from '../../api';
import { describeError } from '../describeError';
import { LoadError } from '../LoadError';
import { AcknowledgeForm } from './AcknowledgeForm';
import { AnnounceDialog } from './AnnounceDialog';
import styles from './Calendar.module.css';
import { StateBadge } from './StateBadge';
import { formatDay } from './formatDay';
import { isHttpUrl } from '../ExternalLink/isHttpUrl';
import { readable } from '../Readable';

/** An entry of a database resource: a migration's changes, not an API's. */
const isMigration = (entry: CalendarEntry) =>
  parseEntityRef(entry.apiRef).kind.toLocaleLowerCase('en-US') === 'resource';

function Consumers({
  entry,
  onChanged,
}: {
  entry: CalendarEntry;
  onChanged: () => void;
}) {
  if (entry.consumers.length === 0) {
    return (
      <Text as="p" variant="body-small" color="secondary">
        No consumer in the catalog uses this API today.
      </Text>
    );
  }
  return (
    <table
      className={styles.consumers}
      aria-label="Consumers and their acknowledgements"
    >
      <thead>
        <tr>
          <th>Consumer</th>
          <th>Owner</th>
          <th>State</th>
          <th>Acknowledgement</th>
        </tr>
      </thead>
      <tbody>
        {entry.consumers.map(consumer => (
          <tr key={consumer.consumerRef}>
            <td>
              <EntityRefLink entityRef={consumer.consumerRef} />
              {consumer.traffic && !consumer.traffic.seen && (
                <Text as="p" variant="body-small" color="secondary">
                  No traffic seen in production
                  {consumer.traffic.lastSeenAt
                    ? ` since ${formatDay(consumer.traffic.lastSeenAt)}`
                    : ''}
                  : it may no longer call this API
                </Text>
              )}
            </td>
            <td>
              {consumer.consumerOwnerRef ? (
                <EntityRefLink entityRef={consumer.consumerOwnerRef} />
              ) : (
                '—'
              )}
            </td>
            <td>
              <StateBadge state={consumer.state} />
              {consumer.needsReacknowledgement && (
                <Text as="p" variant="body-small" weight="bold">
                  Needs re-acknowledgement
                </Text>
              )}
            </td>
            <td>
              <Flex direction="column" gap="2">
                {consumer.previousAcknowledgement && (
                  <Text variant="body-small" color="secondary">
                    Acknowledged by{' '}
                    <EntityRefLink
                      entityRef={consumer.previousAcknowledgement.byRef}
                    />{' '}
                    on {formatDay(consumer.previousAcknowledgement.at)}
                    {consumer.previousAcknowledgement.note &&
                      ` (“${consumer.previousAcknowledgement.note}”)`}
                    , before the entry moved earlier or changed what it touches:
                    that no longer counts.
                  </Text>
                )}
                {consumer.acknowledgement && (
                  <Text variant="body-small">
                    by{' '}
                    <EntityRefLink entityRef={consumer.acknowledgement.byRef} />{' '}
                    on {formatDay(consumer.acknowledgement.at)}
                    {consumer.acknowledgement.note &&
                      `: “${consumer.acknowledgement.note}”`}
                  </Text>
                )}
                {consumer.canAcknowledge && (
                  <AcknowledgeForm
                    entryId={entry.id}
                    consumer={consumer}
                    onDone={onChanged}
                  />
                )}
              </Flex>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * One calendar entry: what changes, when, how to migrate, and each consumer
 * with its acknowledgement; those allowed acknowledge here.
 */
export function EntryDialog(props: {
  entryId?: string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const api = useApi(integrationHealthApiRef);
  const { entryId } = props;
  const {
    value: entry,
    loading,
    error,
    retry,
  } = useAsyncRetry(
    async () => (entryId ? api.getCalendarEntry(entryId) : undefined),
    [api, entryId],
  );
  const [editing, setEditing] = useState(false);
  const [actionError, setActionError] = useState<Error>();
  const changed = () => {
    retry();
    props.onChanged();
  };
  return (
    <Dialog
      className={readable}
      isOpen={Boolean(entryId)}
      onOpenChange={open => !open && props.onClose()}
      width={760}
    >
      <DialogHeader>{entry?.title ?? 'Breaking change'}</DialogHeader>
      <DialogBody>
        {loading && !entry && <Skeleton width="100%" height={160} />}
        {error && <LoadError what="the entry" error={error} />}
        {entry && (
          <Flex direction="column" gap="3">
            <Text as="p" variant="body-small" color="secondary">
              <EntityRefLink entityRef={entry.apiRef} /> ·{' '}
              {entry.origin === 'detected'
                ? `detected in the ${
                    isMigration(entry) ? 'migration' : 'spec'
                  } history`
                : `announced by ${entry.createdBy ?? 'its owners'}`}{' '}
              · effective {formatDay(entry.effectiveAt)} · acknowledge by{' '}
              {formatDay(entry.acknowledgeBy)}
              {entry.cancelledAt &&
                ` · cancelled ${formatDay(entry.cancelledAt)}`}
            </Text>
            {entry.description && <Text as="p">{entry.description}</Text>}
            {entry.changes.length > 0 && (
              <ul>
                {entry.changes.map(change => (
                  <li
                    key={
                      change.fingerprint ??
                      `${change.location}${change.message}`
                    }
                  >
                    <Text variant="body-small">
                      <strong>{change.location}</strong>: {change.message}
                    </Text>
                  </li>
                ))}
              </ul>
            )}
            {entry.operations.length > 0 && (
              <Text as="p" variant="body-small">
                Affects: {entry.operations.join(', ')}
              </Text>
            )}
            {(entry.migrationNotes || entry.migrationUrl) && (
              <Text as="p" variant="body-small">
                Migration: {entry.migrationNotes}{' '}
                {isHttpUrl(entry.migrationUrl) ? (
                  <Link href={entry.migrationUrl}>{entry.migrationUrl}</Link>
                ) : (
                  entry.migrationUrl
                )}
              </Text>
            )}
            <Consumers entry={entry} onChanged={changed} />
            {entry.unaffectedConsumerRefs &&
              entry.unaffectedConsumerRefs.length > 0 && (
                <Text as="p" variant="body-small" color="secondary">
                  {isMigration(entry)
                    ? 'Not reached, as all their declared queries still prepare after this migration:'
                    : 'Not reached, as their mocks show they use none of these operations:'}{' '}
                  {entry.unaffectedConsumerRefs.map((ref, i) => (
                    <span key={ref}>
                      {i > 0 && ', '}
                      <EntityRefLink entityRef={ref} />
                    </span>
                  ))}
                </Text>
              )}
            {entry.canManage && (
              <Flex gap="2">
                <Button
                  size="small"
                  variant="secondary"
                  onPress={() => setEditing(true)}
                >
                  Edit
                </Button>
                <Button
                  size="small"
                  variant="tertiary"
                  onPress={async () => {
                    try {
                      await api.cancelAnnouncement(entry.id);
                      changed();
                    } catch (e) {
                      setActionError(e as Error);
                    }
                  }}
                >
                  Cancel this change
                </Button>
              </Flex>
            )}
            {actionError && (
              <Alert
                status="danger"
                title="Not cancelled"
                description={describeError(actionError)}
              />
            )}
            {editing && (
              <AnnounceDialog
                isOpen
                entry={entry}
                onClose={() => setEditing(false)}
                onSaved={changed}
              />
            )}
          </Flex>
        )}
      </DialogBody>
    </Dialog>
  );
}
