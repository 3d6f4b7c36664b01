import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SyncRunSummary } from '@integration-health/plugin-integration-health-common';
import {
  idOfIntegration,
  IntegrationStore,
  ObservedIntegration,
} from '../IntegrationStore';
import { SyncRunStore } from '../SyncRunStore';
import { SpecHistoryService } from '../../specs/SpecHistoryService';
import { RollupService } from '../../scorecard/RollupService';
import { MockRefreshNotifier } from '../../evidence/MockRefreshNotifier';
import { CalendarService } from '../../calendar/CalendarService';
import { ScoreService } from '../../evidence/scores/ScoreService';
import { EvidenceStores } from '../../evidence/collectEvidence';
import { collectEvidence } from '../../evidence/collectEvidence';
import { EvidenceSource } from '@integration-health/plugin-integration-health-node';
import { buildIntegrations } from './buildIntegrations';
import { readCatalogSnapshot } from './readCatalogSnapshot';
import { holdReason } from './holdReason';
import { HoldConfig } from '../../config';
import { ObservationService } from '../../observations/ObservationService';
import { SchemaHistoryService } from '../../schemas/SchemaHistoryService';
import { HealthHistoryService } from '../../scorecard/HealthHistoryService';
import { StepTimer } from './stepTimer';
import { SyncLease, SyncLeaseLostError } from './SyncLease';

export type IntegrationSyncServiceOptions = {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  integrationStore: IntegrationStore;
  syncRunStore: SyncRunStore;
  specHistory: SpecHistoryService;
  evidenceStores: EvidenceStores;
  scoreService: ScoreService;
  rollupService: RollupService;
  /** Puts breaking changes found in spec history on the calendar. */
  calendarService?: Pick<CalendarService, 'addDetected'>;
  /** Records what telemetry observed, and the telemetry names of entities. */
  observationService?: Pick<ObservationService, 'sync' | 'snapshotCounts'>;
  /** Daily health recorded before the plugin first ran, written after its first full sync. */
  healthHistory?: Pick<HealthHistoryService, 'applySeeds'>;
  /** Records database resources' migrations and consumers' queries. */
  schemaHistory?: Pick<SchemaHistoryService, 'syncFromCatalog'>;
  /** Tells consumers when the current spec no longer matches their mocks. */
  mockRefreshNotifier?: Pick<MockRefreshNotifier, 'notify'>;
  evidenceSources?: EvidenceSource[];
  evidenceTimeoutMs?: number;
  maxMockDocumentBytes?: number;
  pageSize: number;
  /** When a run whose catalog read looks incomplete is held; never, without it. */
  hold?: HoldConfig;
  /**
   * How long the sync lease lasts without renewal (a run renews it while it
   * goes on). A process that dies holding it blocks the sync this long.
   * Defaults to 2 minutes.
   */
  leaseMs?: number;
};

/** Integrations with neither a declared nor an assigned accountable owner. */
async function countWithoutOwner(
  store: IntegrationStore,
  observed: ObservedIntegration[],
): Promise<number> {
  const undeclared = observed
    .filter(i => !i.accountableOwnerRef)
    .map(i => idOfIntegration(i));
  const stored = await store.getByIds(undeclared);
  return stored.filter(i => !i.accountableOwnerRef).length;
}

/**
 * One run of the sync job: reads the catalog, derives the integrations,
 * stores them and records the run. Errors on single entities are recorded
 * and skipped; a catalog failure fails the run and leaves stored
 * integrations as they were. One run at a time holds the sync lease: a run
 * that finds it held is recorded as skipped, and a run that lost it stops
 * before its next write.
 */
export class IntegrationSyncService {
  /** The score inputs' watermark when this process last scored without errors. */
  private scoredAt: string | undefined;

  constructor(private readonly options: IntegrationSyncServiceOptions) {}

  async runOnce(): Promise<SyncRunSummary> {
    const { syncRunStore, logger } = this.options;
    const lease = await SyncLease.acquire({
      store: syncRunStore,
      ttlMs: this.options.leaseMs ?? 120_000,
      logger,
    });
    if (!(lease instanceof SyncLease)) {
      const at = new Date();
      const reason = `Skipped: another sync run holds the sync lease until ${lease.heldBy.expiresAt}`;
      const id = await syncRunStore.recordSkippedRun(at, reason);
      logger.info('Integration sync skipped: another run holds the lease', {
        runId: id,
        leaseHolder: lease.heldBy.holder,
        leaseExpiresAt: lease.heldBy.expiresAt,
      });
      return {
        id,
        status: 'skipped',
        startedAt: at.toISOString(),
        finishedAt: at.toISOString(),
        error: reason,
      };
    }
    try {
      return await this.runHolding(lease);
    } finally {
      await lease.release();
    }
  }

  private async runHolding(lease: SyncLease): Promise<SyncRunSummary> {
    const {
      catalog,
      auth,
      logger,
      integrationStore,
      syncRunStore,
      specHistory,
      pageSize,
    } = this.options;
    const startedAt = new Date();
    const runId = await syncRunStore.startRun(startedAt);

    try {
      const steps = new StepTimer();
      const snapshot = await readCatalogSnapshot({ catalog, auth, pageSize });
      steps.end('catalog');
      const { integrations, errors } = buildIntegrations(snapshot);
      const entitiesRead = snapshot.entities.size + snapshot.groupRefs.size;
      const held = await this.holdReason(entitiesRead, integrations);
      if (held) {
        return await this.hold(runId, startedAt, held, {
          entitiesRead,
          integrations: integrations.length,
        });
      }
      // Each write first makes sure the run still holds the lease: a run that
      // outlived it while another took over must not overwrite that one's work.
      await lease.check();
      const stored = await integrationStore.replaceIntegrations(
        integrations,
        startedAt,
      );
      steps.end('integrations');
      await lease.check();
      const specs = await specHistory.syncFromCatalog({
        apis: [...snapshot.entities.values()]
          .filter(e => e.kind === 'api')
          .map(e => ({ ref: e.ref, etag: e.etag })),
        catalog,
        credentials: await auth.getOwnServiceCredentials(),
        now: startedAt,
      });
      errors.push(...specs.errors);
      steps.end('specs');
      await lease.check();
      const schemas = await this.options.schemaHistory?.syncFromCatalog(
        startedAt,
      );
      errors.push(...(schemas?.errors ?? []));
      const calendarEntriesAdded =
        ((await this.options.calendarService?.addDetected(startedAt)) ?? 0) +
        (schemas?.entriesAdded ?? 0);
      steps.end('calendar');
      await lease.check();
      const evidence = await collectEvidence({
        sources: this.options.evidenceSources ?? [],
        integrations,
        stores: this.options.evidenceStores,
        logger,
        timeoutMs: this.options.evidenceTimeoutMs ?? 60_000,
        maxMockDocumentBytes: this.options.maxMockDocumentBytes ?? 1_000_000,
        now: startedAt,
      });
      errors.push(...evidence.errors);
      const observed = await this.options.observationService?.sync(
        snapshot,
        startedAt,
      );
      errors.push(...(observed?.errors ?? []));
      steps.end('evidence');
      // Scores move with evidence, spec history and age: a run recomputes
      // those whose inputs changed, and all of them on the day's first run.
      // While none of them moved since this process last scored (whoever
      // wrote them), not even the inputs of each integration are read.
      await lease.check();
      const watermark = await this.options.scoreService.inputsWatermark(
        startedAt,
      );
      let scoring: Awaited<ReturnType<ScoreService['computeChanged']>> = {
        scored: 0,
        unchanged: 0,
        changed: [],
        errors: [],
      };
      if (watermark !== this.scoredAt) {
        const withEvidence = await integrationStore.getByIds(
          await this.options.scoreService.integrationIdsWithEvidence(),
        );
        scoring = await this.options.scoreService.computeChanged(
          withEvidence,
          startedAt,
        );
        errors.push(...scoring.errors);
        // A refresh is due only where mock freshness was computed anew.
        await this.options.mockRefreshNotifier?.notify(
          scoring.changed,
          startedAt,
        );
        // Integrations that could not be scored are tried (and reported) again.
        this.scoredAt = scoring.errors.length === 0 ? watermark : undefined;
      }
      steps.end('scores');
      await lease.check();
      const rollups = await this.options.rollupService.snapshotChanged(
        integrations,
        snapshot,
        startedAt,
      );
      await this.options.healthHistory?.applySeeds(
        integrations.map(i => idOfIntegration(i)),
        snapshot,
        startedAt,
      );
      const observedCounts =
        await this.options.observationService?.snapshotCounts(
          snapshot,
          startedAt,
        );
      steps.end('rollups');
      const counts = {
        entitiesRead,
        integrations: stored.total,
        integrationsAdded: stored.added,
        integrationsGone: stored.gone,
        withoutAccountableOwner: await countWithoutOwner(
          integrationStore,
          integrations,
        ),
        entityErrors: errors.length,
        specsChecked: specs.checked,
        specVersionsAdded: specs.versionsAdded,
        apisGone: specs.gone,
        breakingChanges: specs.breakingChanges,
        integrationsScored: scoring.scored,
        evidenceRecorded: evidence.recorded,
        mockDocuments: evidence.mockDocuments,
        healthSubjects: rollups.subjects,
        calendarEntriesAdded,
        ...(observed ? { observedEdges: observed.recorded } : {}),
        ...(schemas ? { migrationsAdded: schemas.migrationsAdded } : {}),
        ...(observedCounts
          ? {
              undeclaredEdges: observedCounts.undeclared,
              notObservedEdges: observedCounts.notObserved,
            }
          : {}),
        stepMs: steps.ms,
      };
      const finishedAt = new Date();
      await syncRunStore.finishRun(runId, {
        status: 'succeeded',
        finishedAt,
        counts,
        entityErrors: errors,
      });
      logger.info('Integration sync finished', {
        runId,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        ...counts,
      });
      return {
        id: runId,
        status: 'succeeded',
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        counts,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const finishedAt = new Date();
      await syncRunStore.finishRun(runId, {
        status: 'failed',
        finishedAt,
        error: message,
        entityErrors: [],
      });
      if (error instanceof SyncLeaseLostError) {
        logger.warn('Integration sync lost its lease and stopped', { runId });
      } else {
        logger.error(
          'Integration sync failed; stored integrations are unchanged',
          {
            runId,
            error: message,
          },
        );
      }
      return {
        id: runId,
        status: 'failed',
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        error: message,
      };
    }
  }

  private async holdReason(
    entitiesRead: number,
    integrations: ObservedIntegration[],
  ): Promise<string | undefined> {
    const { hold, integrationStore, syncRunStore } = this.options;
    if (!hold) return undefined;
    const [active, lastGood] = await Promise.all([
      integrationStore.activeIds(),
      syncRunStore.getLatestSucceededRun(),
    ]);
    const observed = new Set(integrations.map(i => idOfIntegration(i)));
    return holdReason({
      hold,
      entitiesRead,
      lastGoodEntitiesRead: lastGood?.counts?.entitiesRead,
      activeBefore: active.length,
      wouldGo: active.filter(id => !observed.has(id)).length,
    });
  }

  private async hold(
    runId: string,
    startedAt: Date,
    reason: string,
    read: { entitiesRead: number; integrations: number },
  ): Promise<SyncRunSummary> {
    const finishedAt = new Date();
    await this.options.syncRunStore.finishRun(runId, {
      status: 'held',
      finishedAt,
      error: reason,
      entityErrors: [],
    });
    this.options.logger.warn(`Integration sync held: ${reason}`, {
      runId,
      ...read,
    });
    return {
      id: runId,
      status: 'held',
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      error: reason,
    };
  }
}
