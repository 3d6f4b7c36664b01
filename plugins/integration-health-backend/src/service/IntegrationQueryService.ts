import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityIntegrations,
  Integration,
  SpecChange,
  SpecVersion,
  SyncRun,
} from '@integration-health/plugin-integration-health-common';
import { IntegrationStore } from '../database/IntegrationStore';
import { EvidenceStore } from '../database/EvidenceStore';
import { SpecStore } from '../database/SpecStore';
import { SyncRunStore } from '../database/SyncRunStore';
import { attachScores } from './attachScores';
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
      specStore: SpecStore;
      evidenceStore: EvidenceStore;
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
  }

  async getEntityIntegrations(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityIntegrations> {
    const { integrationStore, syncRunStore } = this.options;
    const [, stored, lastSync] = await Promise.all([
      this.visibility.assertVisible(entityRef, credentials),
      integrationStore.listForEntity(entityRef),
      syncRunStore.getLatestSucceededRun(),
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
        this.options.evidenceStore,
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
    };
  }

  /** Every recorded definition of an API, newest first. */
  async getSpecVersions(
    apiRef: string,
    credentials: BackstageCredentials,
  ): Promise<SpecVersion[]> {
    await this.visibility.assertVisible(apiRef, credentials);
    return this.options.specStore.listVersions(apiRef);
  }

  /** The classified changes one version of an API brought. */
  async getSpecChanges(
    apiRef: string,
    versionId: string,
    credentials: BackstageCredentials,
  ): Promise<SpecChange[]> {
    await this.visibility.assertVisible(apiRef, credentials);
    const changes = await this.options.specStore.listChanges(apiRef, versionId);
    if (!changes) {
      throw new NotFoundError(`${apiRef} has no spec version ${versionId}`);
    }
    return changes;
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
