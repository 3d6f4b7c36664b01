import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
  Select,
  TextField,
} from '@backstage/ui';
import { CalendarEntry } from '@integration-health/plugin-integration-health-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { integrationHealthApiRef } from '../../api';
import { LoadError } from '../LoadError';
import { NotSaved } from '../NotSaved';
import { useSubmit } from '../useSubmit';
import { readable } from '../Readable';

/**
 * Announces a planned breaking change, or edits an announced one. Only the
 * owners of the API or of a component providing it may: the server says so
 * when someone else tries.
 */
export function AnnounceDialog(props: {
  isOpen: boolean;
  entry?: CalendarEntry;
  onClose: () => void;
  onSaved: (entry: CalendarEntry) => void;
}) {
  const { entry } = props;
  const api = useApi(integrationHealthApiRef);
  const catalogApi = useApi(catalogApiRef);
  const apis = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'api' },
      fields: ['kind', 'metadata.namespace', 'metadata.name', 'metadata.title'],
    });
    return items.map(e => ({
      value: stringifyEntityRef(e),
      label: e.metadata.title ?? e.metadata.name,
    }));
  }, [catalogApi]);
  const [apiRef, setApiRef] = useState(entry?.apiRef);
  const [title, setTitle] = useState(entry?.title ?? '');
  const [description, setDescription] = useState(entry?.description ?? '');
  const [effectiveDate, setEffectiveDate] = useState(
    entry?.effectiveAt.slice(0, 10) ?? '',
  );
  const [operations, setOperations] = useState(
    entry?.operations.join(', ') ?? '',
  );
  const [migrationNotes, setMigrationNotes] = useState(
    entry?.migrationNotes ?? '',
  );
  const [migrationUrl, setMigrationUrl] = useState(entry?.migrationUrl ?? '');

  const valid =
    apiRef && title.trim() && /^\d{4}-\d\d-\d\d$/.test(effectiveDate);
  const {
    submit: save,
    saving,
    error,
  } = useSubmit(async () => {
    if (!valid) return;
    const announcement = {
      apiRef: apiRef!,
      title: title.trim(),
      description: description.trim() || undefined,
      effectiveAt: `${effectiveDate}T00:00:00.000Z`,
      operations: operations
        .split(',')
        .map(o => o.trim())
        .filter(Boolean),
      migrationNotes: migrationNotes.trim() || undefined,
      migrationUrl: migrationUrl.trim() || undefined,
    };
    const saved = entry
      ? await api.updateAnnouncement(entry.id, announcement)
      : await api.announce(announcement);
    props.onSaved(saved);
    props.onClose();
  });

  return (
    <Dialog
      className={readable}
      isOpen={props.isOpen}
      onOpenChange={open => !open && props.onClose()}
      width={620}
    >
      <DialogHeader>
        {entry ? 'Edit the announcement' : 'Announce a breaking change'}
      </DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          {apis.error && <LoadError what="the APIs" error={apis.error} />}
          <Select
            label="API"
            placeholder="Choose the API that changes"
            options={apis.value ?? []}
            value={apiRef ?? null}
            onChange={key => setApiRef(key ? String(key) : undefined)}
            isDisabled={Boolean(entry)}
            searchable
          />
          <TextField
            label="Title"
            value={title}
            onChange={setTitle}
            maxLength={300}
            isRequired
          />
          <TextField
            label="Description"
            value={description}
            onChange={setDescription}
            maxLength={10000}
          />
          <TextField
            label="Effective date"
            description="YYYY-MM-DD; consumers must acknowledge before it"
            value={effectiveDate}
            onChange={setEffectiveDate}
            isRequired
          />
          <TextField
            label="Affected operations or channels"
            description="Comma-separated, e.g. POST /transactions, subscribe transactions.booked"
            value={operations}
            onChange={setOperations}
          />
          <TextField
            label="Migration notes"
            value={migrationNotes}
            onChange={setMigrationNotes}
            maxLength={10000}
          />
          <TextField
            label="Migration link"
            value={migrationUrl}
            onChange={setMigrationUrl}
          />
          {error && <NotSaved error={error} />}
        </Flex>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={props.onClose}>
          Cancel
        </Button>
        <Button variant="primary" isDisabled={!valid || saving} onPress={save}>
          {entry ? 'Save' : 'Announce'}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
