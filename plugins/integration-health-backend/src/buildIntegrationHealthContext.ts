import {
  AuthService,
  DatabaseService,
  DiscoveryService,
  HttpAuthService,
  LifecycleService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  breakingChangeAcknowledgePermission,
  breakingChangeAnnouncePermission,
  integrationAssignOwnerPermission,
  integrationEvidencePushPermission,
  integrationIncidentRecordPermission,
  integrationMockServerPermission,
  observationsPushPermission,
  schemaMigrationsPushPermission,
} from '@integration-health/plugin-integration-health-common';
import {
  EvidenceSource,
  ObservationSource,
  HealthHistorySeed,
  MigrationHistorySeed,
  SpecHistorySeed,
} from '@integration-health/plugin-integration-health-node';
import express from 'express';
import { AppLinks } from './appLinks';
import { BreakingChangeCheck } from './calendar/BreakingChangeCheck';
import { CalendarNotifier } from './calendar/CalendarNotifier';
import { createCalendarRouter } from './calendar/calendarRouter';
import { CalendarService } from './calendar/CalendarService';
import { CalendarFeedService } from './calendar/ical/CalendarFeedService';
import {
  readCalendarConfig,
  readCatalogEventsConfig,
  readMockServerConfig,
  readObservationsConfig,
  readSchemasConfig,
  readScoreConfig,
  readSpecWorkerConfig,
  readSyncConfig,
} from './config';
import { createStores, IntegrationHealthStores } from './database/createStores';
import { createEvidenceRouter } from './evidence/evidenceRouter';
import { EvidenceService } from './evidence/EvidenceService';
import { GeneratedMocksService } from './evidence/GeneratedMocksService';
import { MockRefreshNotifier } from './evidence/MockRefreshNotifier';
import { createMockServerRouter } from './evidence/mockServer/mockServerRouter';
import { createObservationsRouter } from './observations/observationsRouter';
import { ObservationService } from './observations/ObservationService';
import { SchemaHistoryService } from './schemas/SchemaHistoryService';
import { SchemaLocations } from './schemas/readSchemaLocations';
import { createSchemasRouter } from './schemas/schemasRouter';
import { BriefService } from './briefs/BriefService';
import { HealthHistoryService } from './scorecard/HealthHistoryService';
import { createBriefsRouter } from './briefs/briefsRouter';
import {
  ActionsRegistryService,
  registerIntegrationHealthActions,
} from './actions/registerIntegrationHealthActions';
import { MockServerService } from './evidence/mockServer/MockServerService';
import { ScoreService } from './evidence/scores/ScoreService';
import { createGraphRouter } from './graph/graphRouter';
import { IntegrationGraphService } from './graph/IntegrationGraphService';
import { createIncidentRouter } from './incidents/incidentRouter';
import { IncidentService } from './incidents/IncidentService';
import { createIntegrationsRouter } from './integrations/integrationsRouter';
import { IntegrationQueryService } from './integrations/IntegrationQueryService';
import { OwnerAssignmentService } from './integrations/OwnerAssignmentService';
import { IntegrationSyncService } from './integrations/sync/IntegrationSyncService';
import { IncrementalSync } from './integrations/sync/IncrementalSync';
import { CatalogChangeListener } from './integrations/sync/CatalogChangeListener';
import { IntegrationChangeSignals } from './integrations/IntegrationChangeSignals';
import { syncChangedAnything } from './integrations/sync/syncChangedAnything';
import { catalogForCallers } from './integrations/catalogForCallers';
import {
  apiPermissionResourceRef,
  apiPermissionRules,
} from './permissions/apiRules';
import {
  integrationPermissionResourceRef,
  integrationPermissionRules,
} from './permissions/rules';
import { RollupService } from './scorecard/RollupService';
import { createScorecardRouter } from './scorecard/scorecardRouter';
import { ScorecardService } from './scorecard/ScorecardService';
import { SubjectMembership } from './scorecard/SubjectMembership';
import { BreakingChangeService } from './specs/BreakingChangeService';
import { SpecHistoryService } from './specs/SpecHistoryService';
import { SpecQueryService } from './specs/SpecQueryService';
import { SpecWorkerPool } from './specs/worker/SpecWorkerPool';
import { createSpecsRouter } from './specs/specsRouter';

/** What the plugin is built from: core services, and what modules added. */
export type IntegrationHealthContextOptions = {
  auth: AuthService;
  config: RootConfigService;
  discovery: DiscoveryService;
  database: DatabaseService;
  httpAuth: HttpAuthService;
  lifecycle: LifecycleService;
  logger: LoggerService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  /** Reads `url:` locations of migrations and queries. */
  urlReader: UrlReaderService;
  /** Where the plugin registers its actions (for MCP clients); none in tests that do not need them. */
  actionsRegistry?: ActionsRegistryService;
  catalog: CatalogService;
  notifications: NotificationService;
  signals: SignalsService;
  /** Where the catalog announces entity changes (see the catalog module). */
  events: EventsService;
  /** Evidence sources added through the evidence extension point. */
  evidenceSources: EvidenceSource[];
  /** Observation sources added through the observations extension point. */
  observationSources?: ObservationSource[];
  /** Spec history recorded before the plugin first ran. */
  specHistorySeeds: (() => Promise<SpecHistorySeed[]>)[];
  /** Migration history recorded before the plugin first read it. */
  migrationHistorySeeds?: (() => Promise<MigrationHistorySeed[]>)[];
  /** Daily health recorded before the plugin first ran. */
  healthHistorySeeds?: (() => Promise<HealthHistorySeed[]>)[];
};

/** A scheduled task of the plugin; the scheduler runs it on one replica at a time. */
export type IntegrationHealthTask = SchedulerServiceTaskScheduleDefinition &
  SchedulerServiceTaskInvocationDefinition;

/** The plugin, built: its stores, services, routers and scheduled tasks. */
export type IntegrationHealthContext = {
  stores: IntegrationHealthStores;
  syncService: IntegrationSyncService;
  /** Syncs the entities the catalog announces as changed. */
  changeListener: CatalogChangeListener;
  calendarService: CalendarService;
  calendarNotifier: CalendarNotifier;
  routers: express.Router[];
  tasks: IntegrationHealthTask[];
};

/**
 * Builds the plugin from core services: migrates the database once, creates
 * the stores and services, registers the permission resource types, and
 * returns the routers and tasks for the plugin to mount and schedule. The
 * plugin, its tests and the benchmarks all build it here, so what they
 * exercise is what runs.
 */
export async function buildIntegrationHealthContext(
  options: IntegrationHealthContextOptions,
): Promise<IntegrationHealthContext> {
  const {
    auth,
    config,
    discovery,
    database,
    httpAuth,
    lifecycle,
    logger,
    permissions,
    permissionsRegistry,
    notifications,
    signals,
    events,
  } = options;
  // Routes read the catalog as their caller (see catalogForCallers); the
  // sync and other background work use the plugin's own credentials.
  const catalog = catalogForCallers(options.catalog, auth);
  const syncConfig = readSyncConfig(config);
  const calendarConfig = readCalendarConfig(config);
  const links = AppLinks.fromConfig(config);
  const stores = await createStores(database);
  const {
    integrationStore,
    syncRunStore,
    specStore,
    evidenceStore,
    scoreStore,
    mockStore,
    sourceStore,
    rollupStore,
    calendarStore,
    feedTokenStore,
    incidentStore,
    observationStore,
    observationSourceStore,
  } = stores;
  const integrationRuleset = permissionsRegistry.getPermissionRuleset(
    integrationPermissionResourceRef,
  );

  // Every untrusted spec is parsed and compared here, off the event loop.
  const specs = new SpecWorkerPool(readSpecWorkerConfig(config));
  lifecycle.addShutdownHook(() => specs.close());
  const specHistory = new SpecHistoryService({
    specStore,
    logger,
    maxDocumentBytes: syncConfig.maxDocumentBytes,
    specs,
  });
  for (const load of options.specHistorySeeds) {
    await specHistory.recordSeeds(await load());
  }
  const scoreService = new ScoreService({
    evidenceStore,
    scoreStore,
    mockStore,
    specStore,
    specs,
    config: readScoreConfig(config),
  });
  const rollupService = new RollupService({
    catalog,
    integrationStore,
    scoreStore,
    rollupStore,
  });
  const calendarService = new CalendarService({
    catalog,
    auth,
    permissions,
    integrationStore,
    scoreStore,
    specStore,
    calendarStore,
    traffic: stores.integrationTrafficStore,
    detectedGraceDays: calendarConfig.detectedGraceDays,
    integrationRuleset,
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
    links,
  });
  calendarService.onChange(calendarNotifier.onChange);
  const mockRefreshNotifier = new MockRefreshNotifier({
    refreshStore: stores.mockRefreshStore,
    scoreStore,
    specStore,
    notifications,
    links,
    logger,
  });
  const observationService = new ObservationService({
    sources: options.observationSources ?? [],
    store: observationStore,
    countStore: stores.observationCountStore,
    trafficStore: stores.integrationTrafficStore,
    sourceStore: observationSourceStore,
    integrationStore,
    catalog,
    permissions,
    config: readObservationsConfig(config),
    logger,
  });
  const schemasConfig = readSchemasConfig(config);
  const schemaHistory = new SchemaHistoryService({
    catalog,
    locations: new SchemaLocations({
      catalog,
      auth,
      urlReader: options.urlReader,
      config: schemasConfig,
    }),
    store: stores.schemaStore,
    integrationStore,
    calendar: calendarService,
    pool: specs,
    permissions,
    config: schemasConfig,
    logger,
  });
  for (const load of options.migrationHistorySeeds ?? []) {
    await schemaHistory.recordSeeds(await load());
  }
  const syncService = new IntegrationSyncService({
    observationService,
    schemaHistory,
    healthHistory: new HealthHistoryService({
      seeds: options.healthHistorySeeds ?? [],
      integrationStore,
      scoreStore,
      rollupStore,
    }),
    calendarService,
    mockRefreshNotifier,
    catalog,
    auth,
    logger,
    integrationStore,
    syncRunStore,
    specHistory,
    evidenceStores: { evidenceStore, mockStore, sourceStore },
    scoreService,
    rollupService,
    evidenceSources: options.evidenceSources,
    evidenceTimeoutMs: syncConfig.evidenceTimeoutMs,
    maxMockDocumentBytes: syncConfig.maxMockDocumentBytes,
    pageSize: syncConfig.pageSize,
    hold: syncConfig.hold,
    leaseMs: syncConfig.leaseMs,
  });

  const changeSignals = new IntegrationChangeSignals(signals);
  const catalogEventsConfig = readCatalogEventsConfig(config);
  const runScheduledSync = async () => {
    const run = await syncService.runOnce();
    if (syncChangedAnything(run)) await changeSignals.changed('all');
    return run;
  };
  const changeListener = new CatalogChangeListener({
    events,
    incremental: new IncrementalSync({
      catalog,
      auth,
      logger,
      integrationStore,
      syncRunStore,
      specHistory,
      scoreService,
      calendarService,
      mockRefreshNotifier,
      observationService,
      pageSize: syncConfig.pageSize,
      leaseMs: syncConfig.leaseMs ?? 120_000,
    }),
    fullSync: async () => (await runScheduledSync()).status !== 'skipped',
    onSynced: refs => changeSignals.changed(refs),
    logger,
    config: catalogEventsConfig,
  });
  if (catalogEventsConfig.enabled) {
    lifecycle.addStartupHook(() => changeListener.start());
    lifecycle.addShutdownHook(() => changeListener.stop());
  }

  permissionsRegistry.addResourceType({
    resourceRef: integrationPermissionResourceRef,
    permissions: [
      integrationAssignOwnerPermission,
      breakingChangeAcknowledgePermission,
      integrationIncidentRecordPermission,
      integrationEvidencePushPermission,
      integrationMockServerPermission,
    ],
    rules: Object.values(integrationPermissionRules),
    getResources: async ids => {
      const found = await integrationStore.getByIds(ids);
      return ids.map(id => found.find(i => i.id === id));
    },
  });
  permissionsRegistry.addPermissions([
    observationsPushPermission,
    schemaMigrationsPushPermission,
  ]);
  permissionsRegistry.addResourceType({
    resourceRef: apiPermissionResourceRef,
    permissions: [breakingChangeAnnouncePermission],
    rules: Object.values(apiPermissionRules),
    getResources: refs =>
      Promise.all(refs.map(ref => calendarService.apiResource(ref))),
  });

  const generatedMocks = new GeneratedMocksService({
    catalog,
    integrationStore,
    specStore,
    scoreStore,
    specs,
  });
  const queryService = new IntegrationQueryService({
    catalog,
    integrationStore,
    syncRunStore,
    scoreStore,
  });
  const ownerAssignmentService = new OwnerAssignmentService({
    catalog,
    permissions,
    integrationStore,
    ruleset: integrationRuleset,
  });
  const graphService = new IntegrationGraphService({
    catalog,
    integrationStore,
    scoreStore,
    observations: observationService,
  });
  const membership = new SubjectMembership({
    catalog,
    auth,
    integrationStore,
    pageSize: syncConfig.pageSize,
  });
  const scorecardService = new ScorecardService({
    catalog,
    rollupStore,
    calendar: calendarService,
    incidentStore,
    integrationStore,
    scoreStore,
    observationCounts: stores.observationCountStore,
    membership,
  });
  const incidentService = new IncidentService({
    catalog,
    permissions,
    integrationStore,
    scoreStore,
    incidentStore,
    calendarStore,
    specStore,
    ruleset: integrationRuleset,
    notifications,
    logger,
    links,
    observations: observationService,
  });
  const breakingChangeCheck = new BreakingChangeCheck({
    catalog,
    specStore,
    calendarService,
    maxDocumentBytes: syncConfig.maxDocumentBytes,
    specs,
  });
  const briefService = new BriefService({
    catalog,
    integrationStore,
    membership,
    incidents: incidentService,
    calendar: calendarService,
    scoreStore,
    links,
  });
  if (options.actionsRegistry) {
    registerIntegrationHealthActions(options.actionsRegistry, {
      briefService,
      auth,
      queryService,
      graphService,
      calendarService,
      breakingChangeCheck,
      schemaHistory,
      scorecardService,
      ownerAssignmentService,
      incidentService,
    });
  }
  const routers = [
    createIntegrationsRouter({
      httpAuth,
      queryService,
      ownerAssignmentService,
    }),
    createGraphRouter({ httpAuth, graphService }),
    createSpecsRouter({
      httpAuth,
      specQueryService: new SpecQueryService({ catalog, specStore }),
      breakingChangeService: new BreakingChangeService({
        catalog,
        integrationStore,
        specStore,
      }),
    }),
    createEvidenceRouter({
      httpAuth,
      evidenceService: new EvidenceService({
        catalog,
        permissions,
        ruleset: integrationRuleset,
        registeredSourceIds: options.evidenceSources.map(source => source.id),
        integrationStore,
        evidenceStore,
        scoreStore,
        mockStore,
        sourceStore,
        scoreService,
      }),
      generatedMocks,
    }),
    createObservationsRouter({ httpAuth, observations: observationService }),
    createSchemasRouter({ httpAuth, schemas: schemaHistory }),
    createMockServerRouter({
      httpAuth,
      mockServer: new MockServerService({
        config: readMockServerConfig(config),
        auth,
        catalog,
        permissions,
        ruleset: integrationRuleset,
        integrationStore,
        specStore,
        generatedMocks,
        specs,
      }),
    }),
    createScorecardRouter({ httpAuth, rollupService, scorecardService }),
    createIncidentRouter({ httpAuth, incidentService }),
    createBriefsRouter({ httpAuth, briefs: briefService }),
    createCalendarRouter({
      httpAuth,
      calendarService,
      feedService: new CalendarFeedService({
        tokens: feedTokenStore,
        calendarService,
        catalog,
        auth,
        discovery,
        links,
        tokenDays: calendarConfig.feedTokenDays,
      }),
      breakingChangeCheck,
    }),
  ];

  const tasks: IntegrationHealthTask[] = [
    {
      // Reminders and overdue notices, on the hour.
      id: 'integration-health-calendar-reminders',
      frequency: { hours: 1 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 1 },
      fn: async () => {
        const sent = await calendarNotifier.sweep(new Date());
        logger.info(`Calendar reminders: ${sent} notification(s) sent`);
      },
    },
    {
      id: 'integration-health-catalog-sync',
      ...syncConfig.schedule,
      fn: async () => {
        await runScheduledSync();
      },
    },
  ];

  return {
    stores,
    syncService,
    changeListener,
    calendarService,
    calendarNotifier,
    routers,
    tasks,
  };
}
