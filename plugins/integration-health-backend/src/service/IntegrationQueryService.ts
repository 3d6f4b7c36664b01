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
import { SpecStore } from '../database/SpecStore';
import { SyncRunStore } from '../database/SyncRunStore';

const VISIBILITY_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/**
 * Answers read requests with what the caller may see: an integration is
 * returned only when the caller can read every entity it names.
 */
export class IntegrationQueryService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      integrationStore: IntegrationStore;
      syncRunStore: SyncRunStore;
      specStore: SpecStore;
    },
  ) {}

  async getEntityIntegrations(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityIntegrations> {
    const { catalog, integrationStore, syncRunStore } = this.options;
    const [entity, stored, lastSync] = await Promise.all([
      catalog.getEntityByRef(entityRef, { credentials }),
      integrationStore.listForEntity(entityRef),
      syncRunStore.getLatestSucceededRun(),
    ]);
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    const visible = await this.visibleRefs(
      [...stored.upstream, ...stored.downstream].flatMap(i =>
        [i.consumerRef, i.providerRef, i.apiRef].filter(
          (r): r is string => !!r,
        ),
      ),
      credentials,
    );
    const isVisible = (i: Integration) =>
      visible.has(i.consumerRef) &&
      visible.has(i.providerRef) &&
      (!i.apiRef || visible.has(i.apiRef));

    return {
      entityRef,
      upstream: stored.upstream.filter(isVisible),
      downstream: stored.downstream.filter(isVisible),
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
    await this.assertVisible(apiRef, credentials);
    return this.options.specStore.listVersions(apiRef);
  }

  /** The classified changes one version of an API brought. */
  async getSpecChanges(
    apiRef: string,
    versionId: string,
    credentials: BackstageCredentials,
  ): Promise<SpecChange[]> {
    await this.assertVisible(apiRef, credentials);
    const changes = await this.options.specStore.listChanges(apiRef, versionId);
    if (!changes) {
      throw new NotFoundError(`${apiRef} has no spec version ${versionId}`);
    }
    return changes;
  }

  private async assertVisible(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
  }

  /** The latest run, with errors only for entities the caller can read. */
  async getLatestRun(
    credentials: BackstageCredentials,
  ): Promise<SyncRun | undefined> {
    const run = await this.options.syncRunStore.getLatestRun();
    if (!run) {
      return undefined;
    }
    const visible = await this.visibleRefs(
      run.entityErrors.map(e => e.entityRef),
      credentials,
    );
    return {
      ...run,
      entityErrors: run.entityErrors.filter(e => visible.has(e.entityRef)),
    };
  }

  private async visibleRefs(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const refs = [...new Set(entityRefs)];
    if (refs.length === 0) {
      return new Set();
    }
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: VISIBILITY_FIELDS },
      { credentials },
    );
    return new Set(refs.filter((_, index) => items[index]));
  }
}
