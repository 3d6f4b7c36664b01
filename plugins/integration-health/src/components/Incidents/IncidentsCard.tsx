import { useApi } from '@backstage/core-plugin-api';
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import {
  Integration,
  IntegrationIncident,
} from '@integration-health/plugin-integration-health-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationHealthApiRef } from '../../api';
import { LoadError } from '../LoadError';
import { IncidentDialog, integrationLabel } from './IncidentDialog';
import { IncidentItem } from './IncidentItem';
import styles from './Incidents.module.css';
import { ScoreTimeline } from './ScoreTimeline';
import { readable } from '../Readable';

const TIMELINE_DAYS = 90;

function IntegrationIncidents(props: {
  integration: Integration;
  incidents: IntegrationIncident[];
  onEdit: (incident: IntegrationIncident) => void;
}) {
  const api = useApi(integrationHealthApiRef);
  const trend = useAsync(
    () => api.getIntegrationTrend(props.integration.id, TIMELINE_DAYS),
    [api, props.integration.id],
  );
  return (
    <section aria-label={`Incidents at ${integrationLabel(props.integration)}`}>
      <Flex direction="column" gap="2">
        <Text as="h4" variant="title-x-small">
          {integrationLabel(props.integration)}
        </Text>
        {trend.loading && <Skeleton width={560} height={110} />}
        {trend.value && (
          <ScoreTimeline
            snapshots={trend.value}
            incidents={props.incidents}
            days={TIMELINE_DAYS}
          />
        )}
        <ul className={styles.list}>
          {props.incidents.map(incident => (
            <IncidentItem
              key={incident.id}
              incident={incident}
              onEdit={() => props.onEdit(incident)}
            />
          ))}
        </ul>
      </Flex>
    </section>
  );
}

/**
 * The incidents at an entity's integrations, each integration's with its
 * score timeline, and a way for the owners of either side to record one.
 *
 * @public
 */
export function IncidentsCard(props: {
  entityRef: string;
  integrations: Integration[];
}) {
  const api = useApi(integrationHealthApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityIncidents(props.entityRef),
    [api, props.entityRef],
  );
  const [editing, setEditing] = useState<IntegrationIncident | 'new'>();
  const byIntegration = new Map<string, IntegrationIncident[]>();
  for (const incident of value ?? []) {
    byIntegration.set(incident.integrationId, [
      ...(byIntegration.get(incident.integrationId) ?? []),
      incident,
    ]);
  }
  const integrations = props.integrations.filter(
    (i, index, all) => all.findIndex(j => j.id === i.id) === index,
  );

  return (
    <Card className={readable}>
      <CardHeader>
        <Flex justify="between" align="center">
          <Text as="h3" variant="title-x-small">
            Incidents
          </Text>
          <Button
            size="small"
            variant="secondary"
            onPress={() => setEditing('new')}
          >
            Record an incident
          </Button>
        </Flex>
      </CardHeader>
      <CardBody>
        {loading && !value && <Skeleton width="100%" height={80} />}
        {error && <LoadError what="incidents" error={error} retry={retry} />}
        {value?.length === 0 && (
          <Text as="p" color="secondary">
            No incident recorded at these integrations.
          </Text>
        )}
        <Flex direction="column" gap="4">
          {[...byIntegration].map(([id, incidents]) => {
            const integration = integrations.find(i => i.id === id);
            return (
              integration && (
                <IntegrationIncidents
                  key={id}
                  integration={integration}
                  incidents={incidents}
                  onEdit={setEditing}
                />
              )
            );
          })}
        </Flex>
      </CardBody>
      {editing && (
        <IncidentDialog
          integrations={integrations}
          incident={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={retry}
        />
      )}
    </Card>
  );
}
