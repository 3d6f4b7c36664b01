import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  EntityIntegrations,
  Integration,
} from '@integration-health/plugin-integration-health-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationHealthApiRef } from '../api';
import { useIntegrationsSignal } from './useIntegrationsSignal';

/**
 * The integrations an entity's page shows: for an API those that go through
 * it, otherwise both directions, each once.
 */
export function integrationsOnPage(
  data: EntityIntegrations,
  isApi: boolean,
): Integration[] {
  const all = isApi ? data.downstream : [...data.upstream, ...data.downstream];
  return [...new Map(all.map(i => [i.id, i])).values()];
}

/** The integrations of the entity in context, for a card placed on its own. */
export function useEntityIntegrations() {
  const { entity } = useEntity();
  const api = useApi(integrationHealthApiRef);
  const entityRef = stringifyEntityRef(entity);
  const isApi = entity.kind.toLocaleLowerCase('en-US') === 'api';
  const state = useAsyncRetry(
    async () =>
      integrationsOnPage(await api.getEntityIntegrations(entityRef), isApi),
    [api, entityRef, isApi],
  );
  useIntegrationsSignal(state.retry, [entityRef]);
  return { entityRef, isApi, ...state };
}
