import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { integrationHealthObservationsExtensionPoint } from '@integration-health/plugin-integration-health-node';
import { PrometheusSource } from './PrometheusSource';
import { readPrometheusConfig } from './readPrometheusConfig';

/**
 * Observed calls, failures and latency from service-graph metrics in
 * Prometheus, configured under `integrationHealth.observations.prometheus`.
 * Without that config the module adds no source.
 *
 * @public
 */
export const integrationHealthModulePrometheus = createBackendModule({
  pluginId: 'integration-health',
  moduleId: 'prometheus',
  register(env) {
    env.registerInit({
      deps: {
        observations: integrationHealthObservationsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ observations, config, logger }) {
        const options = readPrometheusConfig(config);
        if (!options) {
          logger.info(
            'No integrationHealth.observations.prometheus configured; the Prometheus source is off',
          );
          return;
        }
        observations.addSource(new PrometheusSource(options));
      },
    });
  },
});
