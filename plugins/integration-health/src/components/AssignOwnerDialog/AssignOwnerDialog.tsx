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
  Skeleton,
  Text,
  TextField,
} from '@backstage/ui';
import { Integration } from '@integration-health/plugin-integration-health-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { integrationHealthApiRef } from '../../api';
import { LoadError } from '../LoadError';
import { NotSaved } from '../NotSaved';
import { useSubmit } from '../useSubmit';
import { readable } from '../Readable';

function useGroupOptions() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'group' },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    return items
      .map(group => ({
        id: stringifyEntityRef(group),
        label:
          (group.spec?.profile as { displayName?: string } | undefined)
            ?.displayName ??
          group.metadata.title ??
          group.metadata.name,
        description: stringifyEntityRef(group),
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [catalogApi]);
}

/**
 * Assigns, changes or clears the accountable owner of one integration. The
 * server decides whether the user may; its refusal is shown here.
 */
export function AssignOwnerDialog(props: {
  integration: Integration;
  isOpen: boolean;
  onClose: () => void;
  onAssigned: (integration: Integration) => void;
}) {
  const { integration } = props;
  const api = useApi(integrationHealthApiRef);
  const groups = useGroupOptions();
  const [ownerRef, setOwnerRef] = useState<string | undefined>(
    integration.accountableOwnerRef,
  );
  const [note, setNote] = useState('');

  const { submit, saving, error } = useSubmit(
    async (nextOwner: string | undefined) => {
      const updated = await api.assignAccountableOwner(
        integration.id,
        nextOwner,
        note.trim() || undefined,
      );
      props.onAssigned(updated);
      props.onClose();
    },
  );

  return (
    <Dialog
      className={readable}
      isOpen={props.isOpen}
      onOpenChange={open => !open && props.onClose()}
      width={520}
    >
      <DialogHeader>Accountable owner</DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Text as="p" variant="body-small" color="secondary">
            {integration.consumerRef} → {integration.providerRef}
            {integration.apiRef && ` through ${integration.apiRef}`}. The group
            you choose answers for this integration; it replaces what the
            annotations declare.
          </Text>
          {groups.loading && <Skeleton width="100%" height={36} />}
          {groups.error && <LoadError what="the groups" error={groups.error} />}
          {groups.value && (
            <Select
              label="Group"
              placeholder="Choose a group"
              options={groups.value}
              value={ownerRef ?? null}
              onChange={key => setOwnerRef(key ? String(key) : undefined)}
              searchable
              searchPlaceholder="Search groups"
            />
          )}
          <TextField
            label="Note"
            description="Why this group (kept with the assignment)"
            value={note}
            onChange={setNote}
            maxLength={2000}
          />
          {error && <NotSaved error={error} />}
        </Flex>
      </DialogBody>
      <DialogFooter>
        {integration.accountableOwnerAssignment && (
          <Button
            variant="tertiary"
            isDisabled={saving}
            onPress={() => submit(undefined)}
          >
            Clear assignment
          </Button>
        )}
        <Button variant="secondary" onPress={props.onClose}>
          Cancel
        </Button>
        <Button
          variant="primary"
          isDisabled={!ownerRef || saving}
          isPending={saving}
          onPress={() => submit(ownerRef)}
        >
          Save
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
