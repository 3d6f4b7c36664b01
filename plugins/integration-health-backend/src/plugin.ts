import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  EvidenceSource,
  integrationHealthEvidenceExtensionPoint,
  integrationHealthSpecHistoryExtensionPoint,
  SpecHistorySeed,
} from '@integration-health/plugin-integration-health-node';
import { readCalendarConfig, readScoreConfig, readSyncConfig } from './config';
import { DatabaseIntegrationStore } from './database/IntegrationStore';
import { createEvidenceStores } from './database/createEvidenceStores';
import { DatabaseSpecStore } from './database/SpecStore';
import { DatabaseRollupStore } from './database/RollupStore';
import { RollupService } from './rollups/RollupService';
import { ScorecardService } from './rollups/ScorecardService';
import { ScoreService } from './scores/ScoreService';
import { CalendarService } from './calendar/CalendarService';
import { CalendarNotifier } from './calendar/CalendarNotifier';
import { BreakingChangeCheck } from './calendar/BreakingChangeCheck';
import { CalendarFeedService } from './calendar/ical/CalendarFeedService';
import { FeedTokenStore } from './database/FeedTokenStore';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { createCalendarRouter } from './calendar/calendarRouter';
import { CalendarStore } from './database/CalendarStore';
import {
  apiPermissionResourceRef,
  apiPermissionRules,
} from './permissions/apiRules';
import { EvidenceService } from './service/EvidenceService';
import { DatabaseSyncRunStore } from './database/SyncRunStore';
import { retryStartupRace, withStartupLock } from './database/retryStartupRace';
import { SpecHistoryService } from './specs/SpecHistoryService';
import { BreakingChangeService } from './service/BreakingChangeService';
import { IntegrationGraphService } from './service/IntegrationGraphService';
import { IntegrationQueryService } from './service/IntegrationQueryService';
import { createRouter } from './service/router';
import { IntegrationSyncService } from './sync/IntegrationSyncService';
import { OwnerAssignmentService } from './service/OwnerAssignmentService';
import {
  integrationPermissionResourceRef,
  integrationPermissionRules,
} from './permissions/rules';
import {
  breakingChangeAcknowledgePermission,
  breakingChangeAnnouncePermission,
  integrationAssignOwnerPermission,
  integrationIncidentRecordPermission,
} from '@integration-health/plugin-integration-health-common';
import { IncidentStore } from './database/IncidentStore';
import { IncidentService } from './incidents/IncidentService';
import { createIncidentRouter } from './incidents/incidentRouter';
import { SubjectMembership } from './rollups/SubjectMembership';

/**
 * The Integration Health backend plugin: the catalog sync job, the
 * integration store and the REST API under /api/integration-health.
 *
 * @public
 */
export const integrationHealthPlugin = createBackendPlugin({
  pluginId: 'integration-health',
  register(env) {
    const seedLoaders: (() => Promise<SpecHistorySeed[]>)[] = [];
    const evidenceSources: EvidenceSource[] = [];
    env.registerExtensionPoint(integrationHealthEvidenceExtensionPoint, {
      addSource(source) {
        evidenceSources.push(source);
      },
    });
    env.registerExtensionPoint(integrationHealthSpecHistoryExtensionPoint, {
      addSeeds(load) {
        seedLoaders.push(load);
      },
    });

    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        notifications: notificationService,
        signals: signalsServiceRef,
      },
      async init({
        auth,
        config,
        discovery,
        database,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
        scheduler,
        catalog,
        notifications,
        signals,
      }) {
        const syncConfig = readSyncConfig(config);
        const calendarConfig = readCalendarConfig(config);
        const integrationStore = await DatabaseIntegrationStore.create({
          database,
        });
        const syncRunStore = await DatabaseSyncRunStore.create({ database });
        const specStore = await DatabaseSpecStore.create({ database });
        const evidenceStores = await createEvidenceStores(database);
        const { evidenceStore, mockStore } = evidenceStores;
        const scoreService = new ScoreService({
          evidenceStore,
          mockStore,
          specStore,
          config: readScoreConfig(config),
        });
        const specHistory = new SpecHistoryService({
          specStore,
          logger,
          maxDocumentBytes: syncConfig.maxDocumentBytes,
        });
        for (const load of seedLoaders) {
          await specHistory.recordSeeds(await load());
        }

        const rollupStore = await DatabaseRollupStore.create({ database });
        const rollupService = new RollupService({
          catalog,
          integrationStore,
          evidenceStore,
          rollupStore,
        });
        const calendarStore = await CalendarStore.create({ database });
        const calendarService = new CalendarService({
          catalog,
          auth,
          permissions,
          integrationStore,
          evidenceStore,
          specStore,
          calendarStore,
          detectedGraceDays: calendarConfig.detectedGraceDays,
          integrationRuleset: permissionsRegistry.getPermissionRuleset(
            integrationPermissionResourceRef,
          ),
          apiRuleset: permissionsRegistry.getPermissionRuleset(
            apiPermissionResourceRef,
          ),
        });
        const calendarNotifier = new CalendarNotifier({
          calendarService,
          calendarStore,
          notifications,
          signals,
          auth,
          logger,
          reminderDays: calendarConfig.reminderDays,
        });
        calendarService.onChange(calendarNotifier.onChange);
        const syncService = new IntegrationSyncService({
          calendarService,
          catalog,
          auth,
          logger,
          integrationStore,
          syncRunStore,
          specHistory,
          evidenceStores,
          scoreService,
          rollupService,
          evidenceSources,
          evidenceTimeoutMs: syncConfig.evidenceTimeoutMs,
          maxMockDocumentBytes: syncConfig.maxMockDocumentBytes,
          pageSize: syncConfig.pageSize,
        });
        // Replicas starting together take turns: the scheduler migrates its
        // tables on the first task and would keep a lost race as a failure.
        await withStartupLock(await database.getClient(), async () => {
          // Reminders and overdue notices, on the hour on one replica.
          await retryStartupRace(() =>
            scheduler.scheduleTask({
              id: 'integration-health-calendar-reminders',
              scope: 'global',
              frequency: { hours: 1 },
              timeout: { minutes: 10 },
              initialDelay: { minutes: 1 },
              fn: async () => {
                const sent = await calendarNotifier.sweep(new Date());
                logger.info(`Calendar reminders: ${sent} notification(s) sent`);
              },
            }),
          );
          // The catalog sync.
          await retryStartupRace(() =>
            scheduler.scheduleTask({
              id: 'integration-health-catalog-sync',
              scope: 'global',
              ...syncConfig.schedule,
              fn: async () => {
                await syncService.runOnce();
              },
            }),
          );
        });

        const queryService = new IntegrationQueryService({
          catalog,
          integrationStore,
          syncRunStore,
          specStore,
          evidenceStore,
        });
        const graphService = new IntegrationGraphService({
          catalog,
          integrationStore,
          evidenceStore,
        });
        const breakingChangeService = new BreakingChangeService({
          catalog,
          integrationStore,
          specStore,
        });
        permissionsRegistry.addResourceType({
          resourceRef: integrationPermissionResourceRef,
          permissions: [
            integrationAssignOwnerPermission,
            breakingChangeAcknowledgePermission,
            integrationIncidentRecordPermission,
          ],
          rules: Object.values(integrationPermissionRules),
          getResources: async ids => {
            const found = await integrationStore.getByIds(ids);
            return ids.map(id => found.find(i => i.id === id));
          },
        });
        const ownerAssignmentService = new OwnerAssignmentService({
          catalog,
          permissions,
          integrationStore,
          ruleset: permissionsRegistry.getPermissionRuleset(
            integrationPermissionResourceRef,
          ),
        });
        permissionsRegistry.addResourceType({
          resourceRef: apiPermissionResourceRef,
          permissions: [breakingChangeAnnouncePermission],
          rules: Object.values(apiPermissionRules),
          getResources: refs =>
            Promise.all(refs.map(ref => calendarService.apiResource(ref))),
        });
        httpRouter.addAuthPolicy({
          path: '/v1/calendar/feed.ics',
          allow: 'unauthenticated',
        });
        const incidentStore = await IncidentStore.create({ database });
        httpRouter.use(
          createIncidentRouter({
            httpAuth,
            incidentService: new IncidentService({
              catalog,
              permissions,
              integrationStore,
              evidenceStore,
              incidentStore,
              calendarStore,
              specStore,
              ruleset: permissionsRegistry.getPermissionRuleset(
                integrationPermissionResourceRef,
              ),
              notifications,
              logger,
            }),
          }),
        );
        httpRouter.use(
          createCalendarRouter({
            httpAuth,
            calendarService,
            feedService: new CalendarFeedService({
              tokens: await FeedTokenStore.create({ database }),
              calendarService,
              catalog,
              auth,
              discovery,
              appBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
            }),
            breakingChangeCheck: new BreakingChangeCheck({
              specStore,
              calendarService,
              maxDocumentBytes: syncConfig.maxDocumentBytes,
            }),
          }),
        );
        httpRouter.use(
          createRouter({
            ownerAssignmentService,
            evidenceService: new EvidenceService({
              catalog,
              integrationStore,
              ...evidenceStores,
              scoreService,
            }),
            httpAuth,
            rollupService,
            scorecardService: new ScorecardService({
              catalog,
              rollupStore,
              calendar: calendarService,
              incidentStore,
              integrationStore,
              evidenceStore,
              membership: new SubjectMembership({
                catalog,
                auth,
                integrationStore,
                pageSize: syncConfig.pageSize,
              }),
            }),
            queryService,
            graphService,
            breakingChangeService,
          }),
        );
      },
    });
  },
});
