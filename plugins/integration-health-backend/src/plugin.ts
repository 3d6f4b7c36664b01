import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  EvidenceSource,
  integrationHealthEvidenceExtensionPoint,
  integrationHealthObservationsExtensionPoint,
  ObservationSource,
  integrationHealthSpecHistoryExtensionPoint,
  integrationHealthMigrationHistoryExtensionPoint,
  integrationHealthHealthHistoryExtensionPoint,
  HealthHistorySeed,
  MigrationHistorySeed,
  SpecHistorySeed,
} from '@integration-health/plugin-integration-health-node';
import { buildIntegrationHealthContext } from './buildIntegrationHealthContext';
import { actionsRegistryServiceRef } from './actions/registerIntegrationHealthActions';
import { scheduleTasks } from './scheduleTasks';
import { FEED_PATH } from './calendar/calendarRouter';

/**
 * The Integration Health backend plugin: the catalog sync job, the
 * integration store and the REST API under /api/integration-health.
 *
 * @public
 */
export const integrationHealthPlugin = createBackendPlugin({
  pluginId: 'integration-health',
  register(env) {
    const evidenceSources: EvidenceSource[] = [];
    const specHistorySeeds: (() => Promise<SpecHistorySeed[]>)[] = [];
    const observationSources: ObservationSource[] = [];
    const migrationHistorySeeds: (() => Promise<MigrationHistorySeed[]>)[] = [];
    const healthHistorySeeds: (() => Promise<HealthHistorySeed[]>)[] = [];
    env.registerExtensionPoint(integrationHealthEvidenceExtensionPoint, {
      addSource: source => evidenceSources.push(source),
    });
    env.registerExtensionPoint(integrationHealthObservationsExtensionPoint, {
      addSource: source => observationSources.push(source),
    });
    env.registerExtensionPoint(integrationHealthSpecHistoryExtensionPoint, {
      addSeeds: load => specHistorySeeds.push(load),
    });
    env.registerExtensionPoint(
      integrationHealthMigrationHistoryExtensionPoint,
      { addSeeds: load => migrationHistorySeeds.push(load) },
    );
    env.registerExtensionPoint(integrationHealthHealthHistoryExtensionPoint, {
      addSeeds: load => healthHistorySeeds.push(load),
    });

    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        actionsRegistry: actionsRegistryServiceRef,
        catalog: catalogServiceRef,
        notifications: notificationService,
        signals: signalsServiceRef,
        events: eventsServiceRef,
      },
      async init({ httpRouter, scheduler, ...services }) {
        const context = await buildIntegrationHealthContext({
          ...services,
          evidenceSources,
          observationSources,
          specHistorySeeds,
          migrationHistorySeeds,
          healthHistorySeeds,
        });
        await scheduleTasks({
          scheduler,
          database: services.database,
          tasks: context.tasks,
        });
        for (const router of context.routers) {
          httpRouter.use(router);
        }
        // Calendar clients cannot sign in; the feed checks its own token.
        httpRouter.addAuthPolicy({ path: FEED_PATH, allow: 'unauthenticated' });
      },
    });
  },
});
