import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { integrationHealthSpecHistoryExtensionPoint } from '@integration-health/plugin-integration-health-node';
import path from 'node:path';
import { loadDemoSpecHistory } from './loadDemoSpecHistory';

/**
 * Demo only: hands the demo APIs' recorded history (examples/history.yaml)
 * to Integration Health, so that the spec changes before the portal first
 * started are classified too. Enabled by integrationHealthDemo.specHistoryFile.
 */
export const demoSpecHistoryModule = createBackendModule({
  pluginId: 'integration-health',
  moduleId: 'demo-spec-history',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        specHistory: integrationHealthSpecHistoryExtensionPoint,
      },
      async init({ config, logger, specHistory }) {
        const file = config.getOptionalString(
          'integrationHealthDemo.specHistoryFile',
        );
        if (!file) return;
        specHistory.addSeeds(async () => {
          const seeds = loadDemoSpecHistory(path.resolve(file));
          logger.info(
            `Demo spec history: ${seeds.length} versions from ${file}`,
          );
          return seeds;
        });
      },
    });
  },
});
