import { useApi } from '@backstage/core-plugin-api';
import {
  Card,
  CardBody,
  CardHeader,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import {
  EntityObservations,
  ObservedEdgeStatus,
} from '@integration-health/plugin-integration-health-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationHealthApiRef } from '../../api';
import { LoadError } from '../LoadError';
import { readable } from '../Readable';
import { useIntegrationsSignal } from '../useIntegrationsSignal';
import styles from './ObservedCard.module.css';
import { ObservedEdgeItem } from './ObservedEdgeItem';
import { observedStatusLabel } from './ObservedStatusBadge';
import { StaleObservationSources } from './StaleObservationSources';

const STATUSES: ObservedEdgeStatus[] = [
  'undeclared',
  'unknown-service',
  'not-observed',
  'confirmed',
];

/** "1 undeclared, 2 confirmed", in the order the list has them. */
function countByStatus(data: EntityObservations): string {
  return STATUSES.flatMap(status => {
    const n = data.edges.filter(e => e.status === status).length;
    return n > 0 ? [`${n} ${observedStatusLabel(status).toLowerCase()}`] : [];
  }).join(', ');
}

function Observations({ data }: { data: EntityObservations }) {
  if (data.sources.length === 0 && data.edges.length === 0) {
    return (
      <Text as="p" variant="body-small" color="secondary">
        No observation sources are configured; see &quot;Observed
        integrations&quot; in the Integration Health README to add traces or
        service-graph metrics.
      </Text>
    );
  }
  const names = data.telemetryNames.join(', ');
  return (
    <Flex direction="column" gap="2">
      <StaleObservationSources sources={data.sources} />
      {data.edges.length === 0 ? (
        <Text as="p" variant="body-small" color="secondary">
          No traffic to or from this entity was seen
          {names && ` under the telemetry name ${names}`}.
        </Text>
      ) : (
        <>
          <Text as="p" variant="body-small" color="secondary">
            {countByStatus(data)}
            {names && ` · seen in telemetry as ${names}`}
          </Text>
          {/* The server sends undeclared edges first: what needs action. */}
          <ul className={styles.list}>
            {data.edges.map(edge => (
              <ObservedEdgeItem
                key={`${edge.status}|${edge.direction}|${
                  edge.counterpartRef ?? edge.counterpartName
                }|${edge.connectionType}|${edge.integrationId ?? ''}`}
                edge={edge}
              />
            ))}
          </ul>
        </>
      )}
    </Flex>
  );
}

/**
 * What telemetry saw around an entity against what the catalog declares:
 * undeclared calls with the declaration to add, declared integrations without
 * traffic, unknown services and confirmed edges with their numbers.
 */
export function ObservedCard(props: { entityRef: string }) {
  const api = useApi(integrationHealthApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityObservations(props.entityRef),
    [api, props.entityRef],
  );
  useIntegrationsSignal(retry, [props.entityRef]);
  return (
    <Card className={readable}>
      <CardHeader>
        <Text as="h3" variant="title-x-small">
          Observed in production
        </Text>
      </CardHeader>
      <CardBody>
        {loading && !value && (
          <Skeleton
            width="100%"
            height={60}
            aria-label="Loading observed integrations"
          />
        )}
        {error && (
          <LoadError what="observed integrations" error={error} retry={retry} />
        )}
        {value && !error && <Observations data={value} />}
      </CardBody>
    </Card>
  );
}
