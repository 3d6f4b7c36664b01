import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityIntegrations,
  Integration,
  SyncRun,
} from '@integration-health/plugin-integration-health-common';
import { IntegrationStore } from './IntegrationStore';
import { ScoreStore } from '../evidence/scores/ScoreStore';
import { SyncRunStore } from './SyncRunStore';
import { attachScores } from '../evidence/scores/attachScores';
import { CatalogVisibility } from './CatalogVisibility';

/**
 * Answers read requests with what the caller may see: an integration is
 * returned only when the caller can read every entity it names.
 */
export class IntegrationQueryService {
  private readonly visibility: CatalogVisibility;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      integrationStore: IntegrationStore;
      syncRunStore: SyncRunStore;
      scoreStore: ScoreStore;
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
  }

  async getEntityIntegrations(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityIntegrations> {
    const { integrationStore, syncRunStore } = this.options;
    const [, stored, lastSync, latest] = await Promise.all([
      this.visibility.assertVisible(entityRef, credentials),
      integrationStore.listForEntity(entityRef),
      syncRunStore.getLatestSucceededRun(),
      syncRunStore.getLatestRun(),
    ]);
    const visibleIds = new Set(
      (
        await this.visibility.visibleIntegrations(
          [...stored.upstream, ...stored.downstream],
          credentials,
        )
      ).map(i => i.id),
    );
    const shown = (list: Integration[]) =>
      attachScores(
        list.filter(i => visibleIds.has(i.id)),
        this.options.scoreStore,
      );
    const [upstream, downstream] = await Promise.all([
      shown(stored.upstream),
      shown(stored.downstream),
    ]);

    return {
      entityRef,
      upstream,
      downstream,
      lastSync: lastSync && {
        id: lastSync.id,
        status: lastSync.status,
        startedAt: lastSync.startedAt,
        finishedAt: lastSync.finishedAt,
        counts: lastSync.counts,
      },
      heldSync:
        latest?.status === 'held'
          ? {
              id: latest.id,
              status: latest.status,
              startedAt: latest.startedAt,
              finishedAt: latest.finishedAt,
              error: latest.error,
            }
          : undefined,
    };
  }

  /** The latest run, with errors only for entities the caller can read. */
  async getLatestRun(
    credentials: BackstageCredentials,
  ): Promise<SyncRun | undefined> {
    const run = await this.options.syncRunStore.getLatestRun();
    if (!run) {
      return undefined;
    }
    const visible = await this.visibility.visibleRefs(
      run.entityErrors.map(e => e.entityRef),
      credentials,
    );
    return {
      ...run,
      entityErrors: run.entityErrors.filter(e => visible.has(e.entityRef)),
    };
  }
}
