import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { integrationHealthObservationsExtensionPoint } from '@integration-health/plugin-integration-health-node';
import { JaegerSource } from './JaegerSource';
import { readJaegerConfig } from './readJaegerConfig';

/**
 * Observed calls from Jaeger's dependency links, configured under
 * `integrationHealth.observations.jaeger`. Without that config the module
 * adds no source.
 *
 * @public
 */
export const integrationHealthModuleJaeger = createBackendModule({
  pluginId: 'integration-health',
  moduleId: 'jaeger',
  register(env) {
    env.registerInit({
      deps: {
        observations: integrationHealthObservationsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ observations, config, logger }) {
        const options = readJaegerConfig(config);
        if (!options) {
          logger.info(
            'No integrationHealth.observations.jaeger configured; the Jaeger source is off',
          );
          return;
        }
        observations.addSource(new JaegerSource(options));
      },
    });
  },
});
