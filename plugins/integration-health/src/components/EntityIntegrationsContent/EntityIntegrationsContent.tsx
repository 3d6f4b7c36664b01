import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import {
  EntityIntegrations,
  Integration,
} from '@integration-health/plugin-integration-health-common';
import { ReactNode } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useIntegrationsSignal } from '../useIntegrationsSignal';
import { integrationHealthApiRef } from '../../api';
import { BreakingChangesCard } from '../BreakingChangesCard';
import { LoadError } from '../LoadError';
import { DependencyMap } from '../DependencyMap';
import { SpecHistoryCard } from '../SpecHistoryCard';
import { IntegrationDirection, IntegrationsTable } from './IntegrationsTable';
import { CalendarAgendaCard } from '../Calendar';
import { HealthSummary } from '../HealthSummaryCard';
import { IncidentsCard } from '../Incidents';
import { ObservedCard } from '../ObservedCard';
import { isDatabaseResource, SchemaHistoryCard } from '../SchemaHistory';
import { StaleSourcesAlert } from './StaleSourcesAlert';
import { formatRelativeTime } from './formatRelativeTime';
import { SyncStatus } from './SyncStatus';
import { readable } from '../Readable';
import { PrepareBriefButton } from '../Brief';

function plural(count: number, one: string, many: string) {
  return `${count} ${count === 1 ? one : many}`;
}

function LoadingState() {
  return (
    <Flex
      direction="column"
      gap="3"
      aria-busy="true"
      aria-label="Loading integrations"
    >
      <Skeleton width="40%" height={20} />
      <Skeleton width="100%" height={120} />
      <Skeleton width="100%" height={120} />
    </Flex>
  );
}

function IntegrationsCard(props: {
  title: string;
  direction: IntegrationDirection;
  integrations: Integration[];
  onOwnerAssigned: () => void;
}) {
  return (
    <Card className={readable}>
      <CardHeader>
        <Text as="h3" variant="title-x-small">
          {props.title}
        </Text>
      </CardHeader>
      <CardBody>
        <IntegrationsTable
          direction={props.direction}
          integrations={props.integrations}
          onOwnerAssigned={props.onOwnerAssigned}
        />
      </CardBody>
    </Card>
  );
}

function Summary({
  data,
  isApi,
  withoutOwner,
  actions,
}: {
  data: EntityIntegrations;
  isApi: boolean;
  withoutOwner: number;
  actions?: ReactNode;
}) {
  const { upstream, downstream } = data;
  let text: string;
  if (upstream.length + downstream.length === 0) {
    text = 'No integrations recorded for this entity.';
  } else if (isApi) {
    text = `${plural(
      downstream.length,
      'integration',
      'integrations',
    )} through this API`;
  } else {
    text = `${upstream.length} upstream, ${downstream.length} downstream`;
  }
  return (
    <Flex justify="between" align="center">
      <Text as="p" variant="body-medium">
        {text}
        {withoutOwner > 0 && ` · ${withoutOwner} without an accountable owner`}
      </Text>
      <Flex align="center" gap="3">
        <SyncStatus lastSync={data.lastSync} />
        {actions}
      </Flex>
    </Flex>
  );
}

/**
 * The Integrations tab of a component, API or resource page: the entity's
 * integrations with their owners and findings. A component or resource shows
 * what it depends on and who depends on it; an API shows the integrations
 * that go through it.
 *
 * @public
 */
export function EntityIntegrationsContent() {
  const { entity } = useEntity();
  const api = useApi(integrationHealthApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityIntegrations(entityRef),
    [api, entityRef],
  );
  useIntegrationsSignal(retry, [entityRef]);

  if (loading && !value) {
    return <LoadingState />;
  }
  if (error) {
    return <LoadError what="integrations" error={error} retry={retry} />;
  }
  if (!value) {
    return null;
  }

  const title = entity.metadata.title ?? entity.metadata.name;
  const isApi = entity.kind.toLocaleLowerCase('en-US') === 'api';
  const all = value.upstream.length + value.downstream.length;
  const withoutOwner = new Set(
    [...value.upstream, ...value.downstream]
      .filter(i => !i.accountableOwnerRef)
      .map(i => i.id),
  ).size;

  return (
    <Flex direction="column" gap="4">
      <Summary
        data={value}
        isApi={isApi}
        withoutOwner={withoutOwner}
        actions={
          all > 0 && (
            <PrepareBriefButton subject={{ kind: 'entity', entityRef }} />
          )
        }
      />
      {value.heldSync && (
        <Alert
          status="warning"
          title="The latest sync was held"
          description={`The sync ${formatRelativeTime(
            value.heldSync.startedAt,
          )} read a catalog that looked incomplete: ${
            value.heldSync.error
          }. What is shown here is from the last good sync.`}
        />
      )}
      <StaleSourcesAlert />
      {all > 0 && (
        <HealthSummary apiIntegrations={isApi ? value.downstream : undefined} />
      )}
      {withoutOwner > 0 && (
        <Alert
          status="warning"
          title={`${plural(
            withoutOwner,
            'integration has',
            'integrations have',
          )} no accountable owner`}
          description="When nobody owns the seam, incidents there become a blame game. Declare a group with the integration-health.io/accountable-owner annotation on the consumer or the provider."
        />
      )}
      {isApi ? (
        <>
          <IntegrationsCard
            title={`Integrations through ${title}`}
            direction="through"
            integrations={value.downstream}
            onOwnerAssigned={retry}
          />
          {all > 0 && (
            <IncidentsCard
              entityRef={entityRef}
              integrations={value.downstream}
            />
          )}
          <CalendarAgendaCard entityRef={entityRef} apiRefs={[entityRef]} />
          <BreakingChangesCard entityRef={entityRef} isApi />
          <SpecHistoryCard entityRef={entityRef} />
        </>
      ) : (
        <>
          <IntegrationsCard
            title={`Upstream: what ${title} depends on`}
            direction="upstream"
            integrations={value.upstream}
            onOwnerAssigned={retry}
          />
          <IntegrationsCard
            title={`Downstream: who depends on ${title}`}
            direction="downstream"
            integrations={value.downstream}
            onOwnerAssigned={retry}
          />
          {entity.kind.toLocaleLowerCase('en-US') === 'resource' && (
            <SchemaHistoryCard
              entityRef={entityRef}
              onlyWithMigrations={!isDatabaseResource(entity)}
            />
          )}
          {all > 0 && (
            <IncidentsCard
              entityRef={entityRef}
              integrations={[...value.upstream, ...value.downstream]}
            />
          )}
          {all > 0 && (
            <CalendarAgendaCard
              entityRef={entityRef}
              apiRefs={[
                ...new Set(
                  value.downstream.flatMap(i =>
                    i.apiRef && i.providerRef === entityRef ? [i.apiRef] : [],
                  ),
                ),
              ]}
            />
          )}
          {value.upstream.some(i => i.apiRef) && (
            <BreakingChangesCard entityRef={entityRef} isApi={false} />
          )}
          {all > 0 && <DependencyMap entityRef={entityRef} />}
          {/* Telemetry sees services, not APIs; and an undeclared call
              matters most when nothing is declared yet. */}
          <ObservedCard entityRef={entityRef} />
        </>
      )}
    </Flex>
  );
}
