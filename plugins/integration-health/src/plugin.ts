import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { IntegrationHealthClient, integrationHealthApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The Integration Health plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const integrationHealthPlugin = createPlugin({
  id: 'integration-health',
  apis: [
    createApiFactory({
      api: integrationHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IntegrationHealthClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The Integrations tab content for an entity page (legacy frontend system):
 * `<EntityLayout.Route path="/integrations" title="Integrations"><EntityIntegrationHealthContent /></EntityLayout.Route>`.
 *
 * @public
 */
export const EntityIntegrationHealthContent = integrationHealthPlugin.provide(
  createRoutableExtension({
    name: 'EntityIntegrationHealthContent',
    component: () =>
      import('./components/EntityIntegrationsContent').then(
        m => m.EntityIntegrationsContent,
      ),
    mountPoint: rootRouteRef,
  }),
);
