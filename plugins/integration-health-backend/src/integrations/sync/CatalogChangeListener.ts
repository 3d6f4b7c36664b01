import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  CATALOG_CHANGES_TOPIC,
  CatalogChangeEvent,
} from '@integration-health/plugin-integration-health-node';
import { isRecord } from '@integration-health/plugin-integration-health-common';
import { CatalogEventsConfig } from '../../config';
import { IncrementalSync, IncrementalSyncResult } from './IncrementalSync';

type Pending = { change: CatalogChangeEvent; since: number };

function asChange(payload: unknown): CatalogChangeEvent | undefined {
  if (
    isRecord(payload) &&
    typeof payload.entityRef === 'string' &&
    typeof payload.fingerprint === 'string' &&
    payload.entityRef.length <= 1024 &&
    payload.fingerprint.length <= 128
  ) {
    return { entityRef: payload.entityRef, fingerprint: payload.fingerprint };
  }
  return undefined;
}

/**
 * Turns the catalog's change announcements into incremental syncs. Changes
 * are gathered for a moment and synced together, one pass at a time; a
 * burst larger than `maxEntities` runs the full sync instead. An entity the
 * catalog does not serve with its change yet (it stitches after it
 * processes) is tried again each pass until `waitMs` has passed, then synced
 * as served. A pass that finds the scheduled sync running waits for it.
 */
export class CatalogChangeListener {
  private readonly pending = new Map<string, Pending>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  /** Passes that failed in a row; each doubles the wait before the next. */
  private failures = 0;

  constructor(
    private readonly options: {
      events: EventsService;
      incremental: Pick<IncrementalSync, 'run'>;
      /** The scheduled sync, for bursts; false when another run held the lease. */
      fullSync: () => Promise<boolean>;
      /** Called with what each pass synced. */
      onSynced: (refs: string[] | 'all') => Promise<void>;
      logger: LoggerService;
      config: CatalogEventsConfig;
    },
  ) {}

  async start(): Promise<void> {
    await this.options.events.subscribe({
      id: 'integration-health-catalog-changes',
      topics: [CATALOG_CHANGES_TOPIC],
      onEvent: async event => {
        const change = asChange(event.eventPayload);
        if (change) this.add([change]);
      },
    });
  }

  /** Stops gathering and waits for a pass under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Changes now waiting for a pass. */
  get waiting(): number {
    return this.pending.size;
  }

  add(changes: CatalogChangeEvent[]) {
    if (this.stopped) return;
    const now = Date.now();
    for (const change of changes) {
      const since = this.pending.get(change.entityRef)?.since ?? now;
      this.pending.set(change.entityRef, { change, since });
    }
    this.schedule(this.options.config.coalesceMs);
  }

  private schedule(delayMs: number) {
    if (this.stopped || this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.pass().finally(() => {
        this.running = undefined;
        if (this.pending.size > 0) {
          this.schedule(
            Math.min(this.options.config.retryMs * 2 ** this.failures, 60_000),
          );
        }
      });
    }, delayMs);
  }

  private async pass(): Promise<void> {
    const { config, logger } = this.options;
    const batch = [...this.pending.values()];
    this.pending.clear();
    try {
      if (batch.length > config.maxEntities) {
        logger.info(
          `${batch.length} catalog entities changed at once (more than ${config.maxEntities}); running the full sync`,
        );
        if (await this.options.fullSync()) {
          await this.options.onSynced('all');
        } else {
          this.requeue(batch);
        }
        return;
      }
      const now = Date.now();
      const due = (p: Pending) => now - p.since >= config.waitMs;
      const fresh = batch.filter(p => !due(p));
      const overdue = batch.filter(due);
      const results: IncrementalSyncResult[] = [];
      if (fresh.length > 0) {
        results.push(
          await this.options.incremental.run(fresh.map(p => p.change)),
        );
      }
      if (overdue.length > 0) {
        results.push(
          await this.options.incremental.run(
            overdue.map(p => p.change),
            { acceptServed: true },
          ),
        );
      }
      const since = new Map(batch.map(p => [p.change.entityRef, p.since]));
      for (const result of results) {
        this.requeue(
          result.pending.map(change => ({
            change,
            since: since.get(change.entityRef) ?? now,
          })),
        );
        if (result.affectedRefs.length > 0) {
          await this.options.onSynced(result.affectedRefs);
        }
      }
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      logger.warn(
        `Sync of ${batch.length} changed catalog entities failed; trying again: ${error}`,
      );
      this.requeue(batch);
    }
  }

  /** Puts changes back, unless a newer announcement of the entity came in. */
  private requeue(items: Pending[]) {
    for (const item of items) {
      if (!this.pending.has(item.change.entityRef)) {
        this.pending.set(item.change.entityRef, item);
      }
    }
  }
}
