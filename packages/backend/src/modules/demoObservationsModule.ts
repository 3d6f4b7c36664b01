import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { integrationHealthObservationsExtensionPoint } from '@integration-health/plugin-integration-health-node';
import path from 'node:path';
import { loadDemoObservations } from './loadDemoObservations';

/**
 * Demo only: an observation source that reports the recorded traffic in
 * examples/observations.yaml as the last hour's. Enabled by
 * integrationHealthDemo.observationsFile.
 */
export const demoObservationsModule = createBackendModule({
  pluginId: 'integration-health',
  moduleId: 'demo-observations',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        observations: integrationHealthObservationsExtensionPoint,
      },
      async init({ config, observations }) {
        const file = config.getOptionalString(
          'integrationHealthDemo.observationsFile',
        );
        if (!file) return;
        const calls = loadDemoObservations(path.resolve(file));
        observations.addSource({
          id: 'demo-recorded-traces',
          collect: async () => {
            const now = Date.now();
            return {
              windowStart: new Date(now - 3_600_000).toISOString(),
              windowEnd: new Date(now).toISOString(),
              calls,
            };
          },
        });
      },
    });
  },
});
