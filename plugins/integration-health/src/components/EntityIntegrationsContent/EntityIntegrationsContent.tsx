import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationHealthApiRef } from '../../api';
import { IntegrationsTable } from './IntegrationsTable';
import { SyncStatus } from './SyncStatus';

/** The server's own explanation, when it sent one, after the HTTP status. */
function describeError(error: Error): string {
  return error instanceof ResponseError
    ? `${error.message}: ${error.cause.message}`
    : error.message;
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

/**
 * The Integrations tab of a component, API or resource page: the entity's
 * integrations in both directions with their owners and findings.
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

  if (loading && !value) {
    return <LoadingState />;
  }
  if (error) {
    return (
      <Alert
        status="danger"
        title="Could not load integrations"
        description={describeError(error)}
        customActions={
          <Button variant="secondary" size="small" onPress={retry}>
            Try again
          </Button>
        }
      />
    );
  }
  if (!value) {
    return null;
  }

  const all = [...value.upstream, ...value.downstream];
  const withoutOwner = new Set(
    all.filter(i => !i.accountableOwnerRef).map(i => i.id),
  ).size;

  return (
    <Flex direction="column" gap="4">
      <Flex justify="between" align="center">
        <Text as="p" variant="body-medium">
          {all.length === 0
            ? 'No integrations recorded for this entity.'
            : `${value.upstream.length} upstream, ${value.downstream.length} downstream`}
          {withoutOwner > 0 &&
            ` · ${withoutOwner} without an accountable owner`}
        </Text>
        <SyncStatus lastSync={value.lastSync} />
      </Flex>
      {withoutOwner > 0 && (
        <Alert
          status="warning"
          title={`${withoutOwner} ${
            withoutOwner === 1 ? 'integration has' : 'integrations have'
          } no accountable owner`}
          description="When nobody owns the seam, incidents there become a blame game. Declare a group with the integration-health.io/accountable-owner annotation on the consumer or the provider."
        />
      )}
      <Card>
        <CardHeader>
          <Text as="h3" variant="title-x-small">
            Upstream: what {entity.metadata.title ?? entity.metadata.name}{' '}
            depends on
          </Text>
        </CardHeader>
        <CardBody>
          <IntegrationsTable
            direction="upstream"
            integrations={value.upstream}
          />
        </CardBody>
      </Card>
      <Card>
        <CardHeader>
          <Text as="h3" variant="title-x-small">
            Downstream: who depends on{' '}
            {entity.metadata.title ?? entity.metadata.name}
          </Text>
        </CardHeader>
        <CardBody>
          <IntegrationsTable
            direction="downstream"
            integrations={value.downstream}
          />
        </CardBody>
      </Card>
    </Flex>
  );
}
