import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { integrationHealthMigrationHistoryExtensionPoint } from '@integration-health/plugin-integration-health-node';
import path from 'node:path';
import { loadDemoMigrationHistory } from './loadDemoMigrationHistory';

/**
 * Demo only: hands transactions-db's migrations applied before the portal
 * first started to Integration Health as recorded history, so that the
 * migrations after them are new on first start. Enabled by
 * integrationHealthDemo.migrationHistoryFile.
 */
export const demoMigrationHistoryModule = createBackendModule({
  pluginId: 'integration-health',
  moduleId: 'demo-migration-history',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        migrationHistory: integrationHealthMigrationHistoryExtensionPoint,
      },
      async init({ config, migrationHistory }) {
        const file = config.getOptionalString(
          'integrationHealthDemo.migrationHistoryFile',
        );
        if (!file) return;
        migrationHistory.addSeeds(async () =>
          loadDemoMigrationHistory(path.resolve(file)),
        );
      },
    });
  },
});
