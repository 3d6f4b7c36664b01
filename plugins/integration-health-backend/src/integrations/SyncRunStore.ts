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

export interface SyncRunStore {
  startRun(startedAt: Date): Promise<string>;
  finishRun(runId: string, result: FinishSyncRunInput): Promise<void>;
  /** The most recently started run, with its entity errors. */
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

  /**
   * Records a new run. Runs are scheduled one at a time across replicas, so a
   * run still marked running at this point was cut off by a stopped process.
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
