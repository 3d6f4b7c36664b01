import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { IntegrationChangeProcessor } from './IntegrationChangeProcessor';

/**
 * Adds a processor to the catalog that publishes, through the events
 * service, each component, API, resource, group or system whose spec or
 * annotations changed.
 *
 * @public
 */
export const catalogModuleIntegrationHealthChanges = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'integration-health-changes',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        events: eventsServiceRef,
        logger: coreServices.logger,
      },
      async init({ catalog, events, logger }) {
        catalog.addProcessor(
          new IntegrationChangeProcessor({ events, logger }),
        );
      },
    });
  },
});
