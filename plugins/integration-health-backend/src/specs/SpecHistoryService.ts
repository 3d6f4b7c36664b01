import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SpecChange,
  SyncRunEntityError,
} from '@integration-health/plugin-integration-health-common';
import type { SpecHistorySeed } from '@integration-health/plugin-integration-health-node';
import { SpecInputError } from '@integration-health/spec-diff';
import { SpecWorkerPool } from './worker/SpecWorkerPool';
import { createHash } from 'node:crypto';
import { ApiSpecState, SpecStore } from './SpecStore';

export type ObservedApi = { ref: string; etag?: string };

export type SpecSyncResult = {
  checked: number;
  /** APIs that were recorded before and are no longer in the catalog. */
  gone: number;
  versionsAdded: number;
  breakingChanges: number;
  errors: SyncRunEntityError[];
};

const FETCH_BATCH = 50;
const DEFINITION_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.etag',
  'spec.definition',
];

function describe(error: unknown): string {
  return error instanceof SpecInputError
    ? error.describe()
    : (error as Error).message;
}

/**
 * Keeps each API's spec history: a new version whenever its definition's
 * content changes, classified against the version before. Entities whose
 * etag did not change are not read again.
 */
export class SpecHistoryService {
  constructor(
    private readonly options: {
      specStore: SpecStore;
      logger: LoggerService;
      maxDocumentBytes: number;
      /** Where definitions are parsed and compared, off the event loop. */
      specs: SpecWorkerPool;
    },
  ) {}

  /** Records history handed over by modules, oldest first; known content is skipped. */
  async recordSeeds(seeds: SpecHistorySeed[]): Promise<number> {
    let recorded = 0;
    const ordered = [...seeds].sort(
      (a, b) => a.publishedAt.getTime() - b.publishedAt.getTime(),
    );
    for (const seed of ordered) {
      const hash = this.hash(seed.definition);
      if (await this.options.specStore.hasVersion(seed.apiRef, hash)) continue;
      const state = (await this.options.specStore.getStates([seed.apiRef])).get(
        seed.apiRef,
      );
      const result = await this.observe({
        apiRef: seed.apiRef,
        definition: seed.definition,
        observedAt: seed.publishedAt,
        source: 'seed',
        state,
      });
      if (result.recorded) recorded += 1;
    }
    return recorded;
  }

  /** Reads the definitions of APIs whose entity changed, and records new versions. */
  async syncFromCatalog(options: {
    apis: ObservedApi[];
    catalog: CatalogService;
    credentials: BackstageCredentials;
    now: Date;
    /**
     * Whether `apis` is every API in the catalog, so that the others are
     * gone (a full sync), or only some that changed (an incremental sync).
     * Defaults to true.
     */
    complete?: boolean;
  }): Promise<SpecSyncResult> {
    const { specStore } = this.options;
    const result: SpecSyncResult = {
      checked: 0,
      gone: 0,
      versionsAdded: 0,
      breakingChanges: 0,
      errors: [],
    };
    const states = await specStore.getStates(options.apis.map(a => a.ref));
    const changed = options.apis.filter(
      a => !a.etag || states.get(a.ref)?.entityEtag !== a.etag,
    );

    for (let i = 0; i < changed.length; i += FETCH_BATCH) {
      const batch = changed.slice(i, i + FETCH_BATCH);
      const { items } = await options.catalog.getEntitiesByRefs(
        { entityRefs: batch.map(a => a.ref), fields: DEFINITION_FIELDS },
        { credentials: options.credentials },
      );
      for (const [index, entity] of items.entries()) {
        const apiRef = batch[index].ref;
        if (!entity) continue;
        result.checked += 1;
        const definition = (entity.spec as { definition?: unknown } | undefined)
          ?.definition;
        if (typeof definition !== 'string' || !definition.trim()) {
          result.errors.push({
            entityRef: apiRef,
            code: 'spec-missing',
            message: 'The API entity has no definition text.',
          });
          continue;
        }
        const bytes = Buffer.byteLength(definition, 'utf8');
        if (bytes > this.options.maxDocumentBytes) {
          result.errors.push({
            entityRef: apiRef,
            code: 'spec-too-large',
            message: `The definition is ${bytes} bytes; the limit is ${this.options.maxDocumentBytes} (integrationHealth.specs.maxDocumentBytes). It was not recorded.`,
          });
          continue;
        }
        const observed = await this.observe({
          apiRef,
          state: states.get(apiRef),
          definition,
          observedAt: options.now,
          source: 'catalog',
          entityEtag: entity.metadata.etag,
        });
        if (observed.recorded) result.versionsAdded += 1;
        result.breakingChanges += observed.breaking;
        if (observed.error) {
          result.errors.push({
            entityRef: apiRef,
            code: 'spec-unparseable',
            message: observed.error,
          });
        }
      }
    }
    if (options.complete !== false) {
      ({ gone: result.gone } = await specStore.markSeen(
        options.apis.map(a => a.ref),
        options.now,
      ));
    }
    return result;
  }

  private hash(definition: string): string {
    return createHash('sha256').update(definition).digest('hex');
  }

  private async observe(input: {
    apiRef: string;
    definition: string;
    observedAt: Date;
    source: 'catalog' | 'seed';
    entityEtag?: string;
    /** What the store knew of the API before this definition. */
    state: ApiSpecState | undefined;
  }): Promise<{ recorded: boolean; breaking: number; error?: string }> {
    const { specStore } = this.options;
    const hash = this.hash(input.definition);
    const { state } = input;
    if (state?.currentHash === hash) {
      if (input.source === 'catalog')
        await specStore.touch(input.apiRef, input.entityEtag, input.observedAt);
      return { recorded: false, breaking: 0 };
    }

    let format: string | undefined;
    let versionLabel: string | undefined;
    let changes: SpecChange[] = [];
    let error: string | undefined;
    try {
      const { specs, maxDocumentBytes } = this.options;
      ({ format, version: versionLabel } = await specs.inspect(
        input.definition,
        {
          maxDocumentBytes,
        },
      ));
      const previous = state?.currentVersionId
        ? await specStore.getDefinition(state.currentVersionId)
        : undefined;
      if (previous !== undefined) {
        const diff = await specs.diff({
          base: previous,
          revision: input.definition,
          options: { maxDocumentBytes },
          today: input.observedAt.toISOString(),
        });
        changes = diff.findings.map(f => ({
          ruleId: f.id,
          level: f.level,
          location: f.location,
          pointer: f.pointer,
          message: f.message,
          fingerprint: f.fingerprint,
          sunset: f.sunset,
        }));
      }
    } catch (e) {
      error = `Not compared: ${describe(e)}`;
    }

    const { recorded } = await specStore.recordVersion({
      apiRef: input.apiRef,
      definition: input.definition,
      contentHash: hash,
      format,
      versionLabel,
      observedAt: input.observedAt,
      source: input.source,
      previousVersionId: state?.currentVersionId,
      error,
      changes,
      entityEtag: input.entityEtag,
    });
    if (!recorded) {
      // Another writer recorded this content first, or the definition went
      // back to an earlier one: that version is current again.
      return { recorded: false, breaking: 0, error };
    }
    const breaking = changes.filter(c => c.level === 'breaking').length;
    this.options.logger.info('Recorded spec version', {
      apiRef: input.apiRef,
      source: input.source,
      versionLabel,
      breaking,
      changes: changes.length,
    });
    return { recorded: true, breaking, error };
  }
}
