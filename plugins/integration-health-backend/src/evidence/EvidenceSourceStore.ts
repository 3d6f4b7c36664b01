import { EvidenceSourceStatus } from '@integration-health/plugin-integration-health-common';
import { Knex } from 'knex';
import {
  optional,
  toIsoString,
  toOptionalIsoString,
} from '../database/rowValues';

export interface EvidenceSourceStore {
  /**
   * Records one attempt: `error` undefined when the source answered in full;
   * `cursor`, when given, replaces the source's cursor (evidence sources only).
   */
  recordAttempt(
    source: string,
    at: Date,
    error?: string,
    cursor?: string,
  ): Promise<void>;
  listSources(): Promise<EvidenceSourceStatus[]>;
  /** The cursor the source gave with its last recorded answer (evidence sources only). */
  getCursor(source: string): Promise<string | undefined>;
}

/**
 * Each source's last attempt and success, in `evidence_sources` (evidence
 * sources) or another table of the same shape (`observation_sources`); an
 * evidence source's cursor too.
 */
export class DatabaseEvidenceSourceStore implements EvidenceSourceStore {
  constructor(
    private readonly db: Knex,
    private readonly table = 'evidence_sources',
  ) {}

  async recordAttempt(
    source: string,
    at: Date,
    error?: string,
    cursor?: string,
  ) {
    const row = {
      source,
      last_attempt_at: at,
      last_error: error ?? null,
      ...(error ? {} : { last_success_at: at }),
      ...(cursor === undefined ? {} : { cursor }),
    };
    await this.db(this.table)
      .insert({ last_success_at: null, ...row })
      .onConflict('source')
      .merge(Object.keys(row).filter(key => key !== 'source'));
  }

  async getCursor(source: string): Promise<string | undefined> {
    const row: { cursor: string | null } | undefined = await this.db(this.table)
      .where({ source })
      .first('cursor');
    return optional(row?.cursor);
  }

  async listSources(): Promise<EvidenceSourceStatus[]> {
    const rows: {
      source: string;
      last_attempt_at: unknown;
      last_success_at: unknown;
      last_error: string | null;
    }[] = await this.db(this.table).orderBy('source');
    return rows.map(row => ({
      source: row.source,
      lastAttemptAt: toIsoString(row.last_attempt_at),
      lastSuccessAt: toOptionalIsoString(row.last_success_at),
      lastError: optional(row.last_error),
      stale: row.last_error !== null,
    }));
  }
}
