import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { integrationHealthHealthHistoryExtensionPoint } from '@integration-health/plugin-integration-health-node';
import path from 'node:path';
import { loadDemoHealthHistory } from './loadDemoHealthHistory';

/**
 * Demo only: hands the demo integrations' recorded daily health over the 90
 * days before the portal started (examples/health-history.yaml), so trends
 * show on first start. Enabled by integrationHealthDemo.healthHistoryFile.
 */
export const demoHealthHistoryModule = createBackendModule({
  pluginId: 'integration-health',
  moduleId: 'demo-health-history',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        healthHistory: integrationHealthHealthHistoryExtensionPoint,
      },
      async init({ config, healthHistory }) {
        const file = config.getOptionalString(
          'integrationHealthDemo.healthHistoryFile',
        );
        if (!file) return;
        healthHistory.addSeeds(async () =>
          loadDemoHealthHistory(path.resolve(file), new Date()),
        );
      },
    });
  },
});
