import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CatalogChangeEvent,
  catalogChangeFingerprint,
} from '@integration-health/plugin-integration-health-node';
import { ObservationService } from '../../observations/ObservationService';
import { CalendarService } from '../../calendar/CalendarService';
import { MockRefreshNotifier } from '../../evidence/MockRefreshNotifier';
import { ScoreService } from '../../evidence/scores/ScoreService';
import { SpecHistoryService } from '../../specs/SpecHistoryService';
import { idOfIntegration, IntegrationStore } from '../IntegrationStore';
import { SyncRunStore } from '../SyncRunStore';
import { buildIntegrations } from './buildIntegrations';
import { readNeighbourhood } from './readNeighbourhood';
import { SyncLease } from './SyncLease';

/** What one incremental pass did, and what it left for a later one. */
export type IncrementalSyncResult = {
  /** Another sync holds the lease: nothing was done, try again later. */
  busy: boolean;
  /** Changes the catalog does not serve yet (not stitched, or not found). */
  pending: CatalogChangeEvent[];
  /** Entities synced. */
  synced: string[];
  integrationsChanged: number;
  specVersionsAdded: number;
  calendarEntriesAdded: number;
  integrationsScored: number;
  /** Every entity whose integrations, specs or scores may now read differently. */
  affectedRefs: string[];
};

export type IncrementalSyncOptions = {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  integrationStore: IntegrationStore;
  syncRunStore: SyncRunStore;
  specHistory: SpecHistoryService;
  scoreService: ScoreService;
  calendarService?: Pick<CalendarService, 'addDetected'>;
  /** Keeps the changed entities' telemetry names current. */
  observationService?: Pick<ObservationService, 'syncNamesOf'>;
  mockRefreshNotifier?: Pick<MockRefreshNotifier, 'notify'>;
  pageSize: number;
  leaseMs: number;
};

const BATCH = 200;

/**
 * Syncs just the entities the catalog announced as changed: their
 * integrations (every one where they are consumer, provider or API), the
 * spec history of changed APIs with its calendar entries, and the scores and
 * mock-refresh notices of the integrations touched. Holds the same lease as
 * the scheduled sync, so the two never write at once. Entities the catalog
 * does not serve with the announced change yet are handed back as pending.
 */
export class IncrementalSync {
  constructor(private readonly options: IncrementalSyncOptions) {}

  async run(
    changes: CatalogChangeEvent[],
    options: {
      now?: Date;
      /** Sync what the catalog serves even when it lacks the announced change. */
      acceptServed?: boolean;
    } = {},
  ): Promise<IncrementalSyncResult> {
    const { syncRunStore, logger, leaseMs } = this.options;
    const result: IncrementalSyncResult = {
      busy: false,
      pending: [],
      synced: [],
      integrationsChanged: 0,
      specVersionsAdded: 0,
      calendarEntriesAdded: 0,
      integrationsScored: 0,
      affectedRefs: [],
    };
    const lease = await SyncLease.acquire({
      store: syncRunStore,
      ttlMs: leaseMs,
      logger,
    });
    if (!(lease instanceof SyncLease)) {
      return { ...result, busy: true, pending: changes };
    }
    try {
      const now = options.now ?? new Date();
      const { served, pending } = await this.readServed(
        changes,
        options.acceptServed ?? false,
      );
      result.pending = pending;
      if (served.length === 0) return result;
      await this.apply(served, lease, now, result);
      return result;
    } finally {
      await lease.release();
    }
  }

  /** The changed entities as the catalog serves them with the announced change. */
  private async readServed(
    changes: CatalogChangeEvent[],
    acceptServed: boolean,
  ) {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const latest = new Map<string, CatalogChangeEvent>();
    for (const change of changes) latest.set(change.entityRef, change);
    const wanted = [...latest.values()];
    const served: Entity[] = [];
    const pending: CatalogChangeEvent[] = [];
    for (let i = 0; i < wanted.length; i += BATCH) {
      const batch = wanted.slice(i, i + BATCH);
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: batch.map(c => c.entityRef) },
        { credentials },
      );
      items.forEach((entity, index) => {
        const change = batch[index];
        if (
          entity &&
          (acceptServed ||
            catalogChangeFingerprint(entity) === change.fingerprint)
        ) {
          served.push(entity);
        } else if (!acceptServed) {
          pending.push(change);
        }
      });
    }
    return { served, pending };
  }

  private async apply(
    served: Entity[],
    lease: SyncLease,
    now: Date,
    result: IncrementalSyncResult,
  ) {
    const { catalog, auth, logger, integrationStore, specHistory, pageSize } =
      this.options;
    const changedRefs = served.map(e => stringifyEntityRef(e));
    const changed = new Set(changedRefs);
    // Integrations through an API a changed entity provides, or provided
    // until now, change with it: the API gains or loses a provider.
    const provided = new Set(
      (await integrationStore.listTouching(changedRefs))
        .filter(i => changed.has(i.providerRef) && i.apiRef)
        .map(i => i.apiRef!),
    );
    for (const entity of served) {
      for (const r of entity.relations ?? []) {
        if (r.type === 'providesApi') provided.add(r.targetRef);
      }
    }
    const snapshot = await readNeighbourhood({
      catalog,
      auth,
      changed: served,
      apiRefs: [...provided],
      pageSize,
    });
    const scope = new Set([...changedRefs, ...provided]);
    const { integrations, errors } = buildIntegrations(snapshot);
    const touching = integrations.filter(
      i =>
        scope.has(i.consumerRef) ||
        scope.has(i.providerRef) ||
        (i.apiRef !== undefined && scope.has(i.apiRef)),
    );
    await lease.check();
    const stored = await integrationStore.replaceIntegrationsTouching(
      [...scope],
      touching,
      now,
    );
    result.synced = changedRefs;
    result.integrationsChanged = stored.changedIds.length;
    await this.options.observationService?.syncNamesOf(changedRefs, snapshot);

    const apis = [...snapshot.entities.values()].filter(
      e => e.kind === 'api' && changed.has(e.ref),
    );
    if (apis.length > 0) {
      await lease.check();
      const specs = await specHistory.syncFromCatalog({
        apis: apis.map(a => ({ ref: a.ref, etag: a.etag })),
        catalog,
        credentials: await auth.getOwnServiceCredentials(),
        now,
        complete: false,
      });
      result.specVersionsAdded = specs.versionsAdded;
      errors.push(...specs.errors);
      if (specs.versionsAdded > 0) {
        await lease.check();
        result.calendarEntriesAdded =
          (await this.options.calendarService?.addDetected(now)) ?? 0;
      }
    }

    // Scores of the touched integrations that have evidence: a new spec
    // version moves contract and mock freshness.
    await lease.check();
    const ids = new Set(touching.map(i => idOfIntegration(i)));
    const withEvidence = (
      await this.options.scoreService.integrationIdsWithEvidence()
    ).filter(id => ids.has(id));
    const toScore = await integrationStore.getByIds(withEvidence);
    // Only those whose inputs moved (a new spec version, new mocks); the
    // scheduled run's daily step and rollups pick up the rest.
    const scoring = await this.options.scoreService.computeChanged(
      toScore,
      now,
    );
    result.integrationsScored = scoring.scored;
    await this.options.mockRefreshNotifier?.notify(scoring.changed, now);

    const affected = new Set(changedRefs);
    const gone = await integrationStore.getByIds(stored.changedIds);
    for (const i of [...touching, ...gone]) {
      affected.add(i.consumerRef);
      affected.add(i.providerRef);
      if (i.apiRef) affected.add(i.apiRef);
    }
    result.affectedRefs = [...affected];

    const ownErrors = [...errors, ...scoring.errors].filter(e =>
      changed.has(e.entityRef),
    );
    logger.info('Integration sync of changed entities finished', {
      entities: changedRefs.length,
      integrationsChanged: result.integrationsChanged,
      specVersionsAdded: result.specVersionsAdded,
      calendarEntriesAdded: result.calendarEntriesAdded,
      integrationsScored: result.integrationsScored,
      entityErrors: ownErrors.length,
    });
    for (const error of ownErrors.slice(0, 20)) {
      logger.warn(`${error.entityRef}: ${error.message}`, { code: error.code });
    }
  }
}
