import {
  SyncRun,
  SyncRunCounts,
  SyncRunEntityError,
  SyncRunStatus,
} from '@integration-health/plugin-integration-health-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  optional,
  parseJsonColumn,
  toIsoString,
  toOptionalIsoString,
} from '../database/rowValues';

export type FinishSyncRunInput = {
  status: Exclude<SyncRunStatus, 'running'>;
  finishedAt: Date;
  counts?: SyncRunCounts;
  error?: string;
  entityErrors: SyncRunEntityError[];
};

/** Who holds the sync lease, until when. */
export type SyncLeaseState = { holder: string; expiresAt: string };

export interface SyncRunStore {
  /**
   * Takes the sync lease for `holder` until `now + ttlMs` when nobody holds
   * it or its holder let it expire; otherwise answers who holds it. Atomic:
   * of two callers at once, one gets it.
   */
  acquireLease(
    holder: string,
    now: Date,
    ttlMs: number,
  ): Promise<{ acquired: true } | { acquired: false; heldBy: SyncLeaseState }>;
  /** Extends the lease while `holder` still has it; false once another took it. */
  renewLease(holder: string, now: Date, ttlMs: number): Promise<boolean>;
  releaseLease(holder: string): Promise<void>;
  /** Records a run that did nothing because another held the lease. */
  recordSkippedRun(at: Date, reason: string): Promise<string>;
  startRun(startedAt: Date): Promise<string>;
  finishRun(runId: string, result: FinishSyncRunInput): Promise<void>;
  /** The most recently started run that was not skipped, with its entity errors. */
  getLatestRun(): Promise<SyncRun | undefined>;
  /** The most recent run that finished successfully, without entity errors. */
  getLatestSucceededRun(): Promise<SyncRun | undefined>;
}

type SyncRunRow = {
  id: string;
  status: SyncRunStatus;
  started_at: unknown;
  finished_at: unknown;
  counts: string | null;
  error: string | null;
};

const ERROR_CHUNK_SIZE = 200;
const LEASES = 'sync_leases';
const LEASE = 'catalog-sync';

function mapToSyncRun(
  row: SyncRunRow,
  entityErrors: SyncRunEntityError[],
): SyncRun {
  return {
    id: row.id,
    status: row.status,
    startedAt: toIsoString(row.started_at),
    finishedAt: toOptionalIsoString(row.finished_at),
    counts: parseJsonColumn<SyncRunCounts | undefined>(row.counts, undefined),
    error: optional(row.error),
    entityErrors,
  };
}

export class DatabaseSyncRunStore implements SyncRunStore {
  constructor(private readonly db: Knex) {}

  async acquireLease(
    holder: string,
    now: Date,
    ttlMs: number,
  ): Promise<{ acquired: true } | { acquired: false; heldBy: SyncLeaseState }> {
    // One statement: insert the lease, or take it over only when expired.
    await this.db(LEASES)
      .insert({
        name: LEASE,
        holder,
        acquired_at: now,
        expires_at: new Date(now.getTime() + ttlMs),
      })
      .onConflict('name')
      .merge(['holder', 'acquired_at', 'expires_at'])
      .where(`${LEASES}.expires_at`, '<=', now);
    const row = await this.db(LEASES)
      .where({ name: LEASE })
      .first('holder', 'expires_at');
    return row.holder === holder
      ? { acquired: true }
      : {
          acquired: false,
          heldBy: {
            holder: row.holder,
            expiresAt: toIsoString(row.expires_at),
          },
        };
  }

  async renewLease(holder: string, now: Date, ttlMs: number) {
    const updated = await this.db(LEASES)
      .where({ name: LEASE, holder })
      .update({ expires_at: new Date(now.getTime() + ttlMs) });
    return updated > 0;
  }

  async releaseLease(holder: string): Promise<void> {
    await this.db(LEASES).where({ name: LEASE, holder }).delete();
  }

  async recordSkippedRun(at: Date, reason: string): Promise<string> {
    const id = randomUUID();
    await this.db('sync_runs').insert({
      id,
      status: 'skipped',
      started_at: at,
      finished_at: at,
      error: reason,
    });
    return id;
  }

  /**
   * Records a new run. The caller holds the sync lease, so a run still
   * marked running at this point was cut off by a stopped process or lost
   * the lease (and stops before its next write).
   */
  async startRun(startedAt: Date): Promise<string> {
    const id = randomUUID();
    await this.db.transaction(async tx => {
      await tx('sync_runs').where({ status: 'running' }).update({
        status: 'failed',
        finished_at: startedAt,
        error: 'Interrupted: the process stopped before the run finished',
      });
      await tx('sync_runs').insert({
        id,
        status: 'running',
        started_at: startedAt,
      });
    });
    return id;
  }

  async finishRun(runId: string, result: FinishSyncRunInput): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('sync_runs')
        .where({ id: runId })
        .update({
          status: result.status,
          finished_at: result.finishedAt,
          counts: result.counts ? JSON.stringify(result.counts) : null,
          error: result.error ?? null,
        });
      const rows = result.entityErrors.map(e => ({
        run_id: runId,
        entity_ref: e.entityRef,
        code: e.code,
        message: e.message,
      }));
      for (let i = 0; i < rows.length; i += ERROR_CHUNK_SIZE) {
        await tx('sync_run_errors').insert(rows.slice(i, i + ERROR_CHUNK_SIZE));
      }
    });
  }

  async getLatestRun(): Promise<SyncRun | undefined> {
    const row: SyncRunRow | undefined = await this.db('sync_runs')
      .whereNot({ status: 'skipped' })
      .orderBy('started_at', 'desc')
      .first();
    if (!row) {
      return undefined;
    }
    const errors = await this.db('sync_run_errors')
      .where({ run_id: row.id })
      .orderBy('id', 'asc');
    return mapToSyncRun(
      row,
      errors.map(e => ({
        entityRef: e.entity_ref,
        code: e.code,
        message: e.message,
      })),
    );
  }

  async getLatestSucceededRun(): Promise<SyncRun | undefined> {
    const row: SyncRunRow | undefined = await this.db('sync_runs')
      .where({ status: 'succeeded' })
      .orderBy('finished_at', 'desc')
      .first();
    return row ? mapToSyncRun(row, []) : undefined;
  }
}
