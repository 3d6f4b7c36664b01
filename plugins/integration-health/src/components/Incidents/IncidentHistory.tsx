import { useApi } from '@backstage/core-plugin-api';
import { Button, Skeleton, Text } from '@backstage/ui';
import { IntegrationIncident } from '@integration-health/plugin-integration-health-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationHealthApiRef } from '../../api';
import { LoadError } from '../LoadError';
import { describeChange, formatValue } from './incidentHistory';
import styles from './Incidents.module.css';

const who = (ref: string) => ref.replace(/^user:(default\/)?/, '');

function EditList(props: { incident: IntegrationIncident }) {
  const { incident } = props;
  const api = useApi(integrationHealthApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getIncidentHistory(incident.integrationId, incident.id),
    [api, incident.integrationId, incident.id, incident.editCount],
  );
  if (loading) {
    return <Skeleton width="100%" height={40} aria-label="Loading the edits" />;
  }
  if (error) {
    return <LoadError what="the edits" error={error} retry={retry} />;
  }
  return (
    <ol
      className={styles.edits}
      aria-label={`Edits of incident: ${incident.title}`}
    >
      {[...(value ?? [])].reverse().map(edit => (
        <li key={`${edit.editedAt}-${edit.editedBy}`}>
          <Text as="p" variant="body-x-small" weight="bold">
            {who(edit.editedBy)} on {formatValue(edit.editedAt)}
          </Text>
          <ul>
            {edit.changes.flatMap(describeChange).map(line => (
              <li key={line}>
                <Text variant="body-x-small">{line}</Text>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

/** "Edited N times", opening to who changed what and when, newest first. */
export function IncidentHistory(props: { incident: IntegrationIncident }) {
  const [open, setOpen] = useState(false);
  const count = props.incident.editCount ?? 0;
  if (count === 0) return null;
  return (
    <div>
      <Button
        variant="tertiary"
        size="small"
        aria-expanded={open}
        onPress={() => setOpen(!open)}
      >
        {`Edited ${count === 1 ? 'once' : `${count} times`}`}
      </Button>
      {open && <EditList incident={props.incident} />}
    </div>
  );
}
