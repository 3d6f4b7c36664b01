import { useApi } from '@backstage/core-plugin-api';
import {
  Alert,
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
  Select,
  TextAreaField,
  TextField,
} from '@backstage/ui';
import {
  Integration,
  IntegrationIncident,
} from '@integration-health/plugin-integration-health-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { integrationHealthApiRef } from '../../api';
import {
  IncidentFormValues,
  initialValues,
  toIncidentInput,
} from './incidentForm';
import { NotSaved } from '../NotSaved';
import { useSubmit } from '../useSubmit';
import { shortRef } from '../Calendar/filterEntries';
import { readable } from '../Readable';

export const integrationLabel = (i: {
  consumerRef: string;
  providerRef: string;
  apiRef?: string;
}) =>
  `${shortRef(i.consumerRef)} → ${shortRef(i.providerRef)}${
    i.apiRef ? ` (${shortRef(i.apiRef)})` : ''
  }`;

/**
 * Records an incident at one of the entity's integrations, or edits one.
 * Owners of either side may; the server says so when someone else tries.
 */
export function IncidentDialog(props: {
  integrations: Integration[];
  incident?: IntegrationIncident;
  onClose: () => void;
  onSaved: (incident: IntegrationIncident) => void;
}) {
  const { incident, integrations } = props;
  const api = useApi(integrationHealthApiRef);
  const [values, setValues] = useState<IncidentFormValues>(() =>
    initialValues(
      incident,
      integrations.length === 1 ? integrations[0].id : undefined,
    ),
  );
  const [problem, setProblem] = useState<string>();
  const set =
    <K extends keyof IncidentFormValues>(key: K) =>
    (value: IncidentFormValues[K]) =>
      setValues(v => ({ ...v, [key]: value }));

  const chosen = integrations.find(i => i.id === values.integrationId);
  const entries = useAsync(async () => {
    if (!chosen?.apiRef) return [];
    const all = await api.getCalendar({ includeCancelled: true });
    return all
      .filter(e => e.apiRef === chosen.apiRef)
      .map(e => ({
        value: e.id,
        label: `${e.effectiveAt.slice(0, 10)}: ${e.title}`,
      }));
  }, [api, chosen?.apiRef]);

  const {
    submit: save,
    saving,
    error,
  } = useSubmit(async () => {
    const { input, problem: found } = toIncidentInput(values, chosen?.apiRef);
    setProblem(found);
    if (!input || !values.integrationId) return;
    const saved = incident
      ? await api.updateIncident(values.integrationId, incident.id, input)
      : await api.recordIncident(values.integrationId, input);
    props.onSaved(saved);
    props.onClose();
  });

  return (
    <Dialog
      className={readable}
      isOpen
      onOpenChange={open => !open && props.onClose()}
      width={680}
    >
      <DialogHeader>
        {incident ? 'Edit the incident' : 'Record an incident'}
      </DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Select
            label="Integration"
            placeholder="Choose the integration that broke"
            options={integrations.map(i => ({
              value: i.id,
              label: integrationLabel(i),
            }))}
            value={values.integrationId ?? null}
            onChange={key =>
              setValues(v => ({
                ...v,
                integrationId: key ? String(key) : undefined,
                calendarEntryId: undefined,
              }))
            }
            isDisabled={Boolean(incident)}
            isRequired
          />
          <TextField
            label="What broke"
            value={values.title}
            onChange={set('title')}
            maxLength={300}
            isRequired
          />
          <Flex gap="3">
            <TextField
              label="Started (UTC)"
              description="YYYY-MM-DD HH:MM"
              value={values.started}
              onChange={set('started')}
              isRequired
            />
            <TextField
              label="Ended (UTC)"
              description="Leave empty while it lasts"
              value={values.ended}
              onChange={set('ended')}
            />
          </Flex>
          <Flex gap="3">
            <TextField
              label="Duration (minutes)"
              description="Taken from start and end if empty"
              value={values.durationMinutes}
              onChange={set('durationMinutes')}
            />
            <TextField
              label="Affected transactions"
              value={values.affectedTransactions}
              onChange={set('affectedTransactions')}
            />
            <TextField
              label="Money affected"
              value={values.amount}
              onChange={set('amount')}
            />
            <TextField
              label="Currency"
              description="e.g. EUR"
              value={values.currency}
              onChange={set('currency')}
              maxLength={3}
            />
          </Flex>
          <TextAreaField
            label="Impact"
            description="Who noticed, what it cost, what had to be done by hand"
            value={values.impactDescription}
            onChange={set('impactDescription')}
          />
          <Select
            label="Triggered by a calendar entry"
            placeholder={
              chosen?.apiRef
                ? 'None'
                : 'Only integrations through an API have calendar entries'
            }
            options={[{ value: '', label: 'None' }, ...(entries.value ?? [])]}
            value={values.calendarEntryId ?? ''}
            onChange={key =>
              set('calendarEntryId')(key ? String(key) : undefined)
            }
            isDisabled={!chosen?.apiRef}
          />
          <TextField
            label="…or by spec version"
            description={
              chosen?.apiRef
                ? `A recorded version of ${shortRef(chosen.apiRef)}, e.g. 2.0.0`
                : 'Only integrations through an API have spec versions'
            }
            value={values.specVersion}
            onChange={set('specVersion')}
            isDisabled={!chosen?.apiRef}
          />
          <Select
            label="Evidence that was out of sync"
            options={[
              { value: 'none', label: 'None' },
              { value: 'mock', label: 'A mock' },
              { value: 'contract', label: 'A contract verification' },
            ]}
            value={values.outOfSyncKind}
            onChange={key =>
              set('outOfSyncKind')(key as IncidentFormValues['outOfSyncKind'])
            }
          />
          {values.outOfSyncKind !== 'none' && (
            <Flex gap="3">
              <TextField
                label="What was out of sync"
                value={values.outOfSyncDescription}
                onChange={set('outOfSyncDescription')}
              />
              <TextField
                label="Link to it"
                value={values.outOfSyncUrl}
                onChange={set('outOfSyncUrl')}
              />
            </Flex>
          )}
          <TextAreaField
            label="Post-mortem links"
            description="One per line, http or https"
            value={values.postmortemUrls}
            onChange={set('postmortemUrls')}
          />
          {problem && <Alert status="warning" title={problem} />}
          {error && <NotSaved error={error} />}
        </Flex>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={props.onClose}>
          Cancel
        </Button>
        <Button variant="primary" isDisabled={saving} onPress={save}>
          {incident ? 'Save' : 'Record'}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
