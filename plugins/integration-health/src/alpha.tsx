import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { IntegrationHealthClient, integrationHealthApiRef } from './api';

const integrationHealthApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: integrationHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IntegrationHealthClient({ discoveryApi, fetchApi }),
    }),
});

const entityIntegrationsContent = EntityContentBlueprint.make({
  name: 'integrations',
  params: {
    path: '/integrations',
    title: 'Integrations',
    filter: { kind: { $in: ['component', 'api', 'resource'] } },
    loader: () =>
      import('./components/EntityIntegrationsContent').then(m => (
        <m.EntityIntegrationsContent />
      )),
  },
});

/**
 * The Integration Health plugin for the new frontend system: adds the
 * Integrations tab to component, API and resource pages.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'integration-health',
  info: { packageJson: () => import('../package.json') },
  extensions: [integrationHealthApi, entityIntegrationsContent],
});
