import {
  MigrationCheckResult,
  SchemaFinding,
  SchemaFindingSummary,
  SchemaMigration,
} from '@integration-health/plugin-integration-health-common';
import { Knex } from 'knex';
import { parseJsonColumn, toIsoString } from '../database/rowValues';

/** A migration as stored, with its SQL. */
export type StoredMigration = SchemaMigration & {
  sql: string;
  sqlHash: string;
};

/** A query a consumer declares against a resource. */
export type StoredQuery = {
  consumerRef: string;
  resourceRef: string;
  name: string;
  sql: string;
};

type MigrationRow = {
  resource_ref: string;
  migration_id: string;
  position: number | string;
  sql: string;
  sql_hash: string;
  origin: string;
  classification: string | null;
  error: string | null;
  calendar_entry_id: string | null;
  first_seen_at: unknown;
};

const CHUNK = 200;

/** A migration with no findings at any level. */
export const EMPTY_SUMMARY: SchemaFindingSummary = {
  breaking: 0,
  warning: 0,
  info: 0,
  unclassified: 0,
};

function toMigration(row: MigrationRow): StoredMigration {
  const classification = parseJsonColumn<{
    findings: SchemaFinding[];
    summary: SchemaFindingSummary;
  }>(row.classification, { findings: [], summary: EMPTY_SUMMARY });
  return {
    id: row.migration_id,
    position: Number(row.position),
    origin: row.origin as SchemaMigration['origin'],
    firstSeenAt: toIsoString(row.first_seen_at),
    findings: classification.findings,
    summary: classification.summary,
    ...(row.error ? { error: row.error } : {}),
    ...(row.calendar_entry_id
      ? { calendarEntryId: row.calendar_entry_id }
      : {}),
    sql: row.sql,
    sqlHash: row.sql_hash,
  };
}

/**
 * Database resources' migrations (append-only, in order), the queries
 * consumers declare against them, the last read of each resource's
 * migrations, and the latest check of a candidate migration.
 */
export class SchemaStore {
  constructor(private readonly db: Knex) {}

  /** A resource's migrations, oldest first. */
  async listMigrations(resourceRef: string): Promise<StoredMigration[]> {
    const rows: MigrationRow[] = await this.db('schema_migrations')
      .where('resource_ref', resourceRef)
      .orderBy('position');
    return rows.map(toMigration);
  }

  /** Appends migrations after the stored ones, in the order given. */
  async appendMigrations(
    resourceRef: string,
    migrations: Omit<StoredMigration, 'position'>[],
  ): Promise<StoredMigration[]> {
    return this.db.transaction(async tx => {
      const last = (await tx('schema_migrations')
        .where('resource_ref', resourceRef)
        .max('position as position')
        .first()) as { position: number | string | null } | undefined;
      const start =
        last?.position === null || last?.position === undefined
          ? 0
          : Number(last.position) + 1;
      const rows = migrations.map((m, i) => ({
        resource_ref: resourceRef,
        migration_id: m.id,
        position: start + i,
        sql: m.sql,
        sql_hash: m.sqlHash,
        origin: m.origin,
        classification: m.error
          ? null
          : JSON.stringify({ findings: m.findings, summary: m.summary }),
        error: m.error ?? null,
        calendar_entry_id: m.calendarEntryId ?? null,
        first_seen_at: new Date(m.firstSeenAt),
      }));
      for (let i = 0; i < rows.length; i += CHUNK) {
        await tx('schema_migrations').insert(rows.slice(i, i + CHUNK));
      }
      return rows.map(toMigration);
    });
  }

  async setCalendarEntry(
    resourceRef: string,
    migrationId: string,
    entryId: string,
  ): Promise<void> {
    await this.db('schema_migrations')
      .where({ resource_ref: resourceRef, migration_id: migrationId })
      .update({ calendar_entry_id: entryId });
  }

  /** Records a read of the resource's migrations, and why it failed. */
  async recordRead(
    resourceRef: string,
    at: Date,
    error?: string,
  ): Promise<void> {
    await this.db('schema_sources')
      .insert({ resource_ref: resourceRef, read_at: at, error: error ?? null })
      .onConflict('resource_ref')
      .merge();
  }

  /** The last read of the resource's migrations, if any. */
  async lastRead(
    resourceRef: string,
  ): Promise<{ readAt: string; error?: string } | undefined> {
    const row = await this.db('schema_sources')
      .where('resource_ref', resourceRef)
      .first();
    if (!row) return undefined;
    return {
      readAt: toIsoString(row.read_at),
      ...(row.error ? { error: row.error } : {}),
    };
  }

  /** Makes a consumer's declared queries these (for every resource). */
  async replaceQueries(
    consumerRef: string,
    queries: Omit<StoredQuery, 'consumerRef'>[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('consumer_queries').where('consumer_ref', consumerRef).delete();
      const rows = queries.map(q => ({
        consumer_ref: consumerRef,
        resource_ref: q.resourceRef,
        name: q.name,
        sql: q.sql,
      }));
      for (let i = 0; i < rows.length; i += CHUNK) {
        await tx('consumer_queries').insert(rows.slice(i, i + CHUNK));
      }
    });
  }

  /** Forgets the queries of consumers that no longer declare any. */
  async removeQueriesExcept(consumerRefs: string[]): Promise<void> {
    const keep = new Set(consumerRefs);
    const rows: { consumer_ref: string }[] = await this.db(
      'consumer_queries',
    ).distinct('consumer_ref');
    const gone = rows.map(r => r.consumer_ref).filter(ref => !keep.has(ref));
    for (let i = 0; i < gone.length; i += CHUNK) {
      await this.db('consumer_queries')
        .whereIn('consumer_ref', gone.slice(i, i + CHUNK))
        .delete();
    }
  }

  /** Every query declared against the resource, by consumer and name. */
  async queriesOf(resourceRef: string): Promise<StoredQuery[]> {
    const rows = await this.db('consumer_queries')
      .where('resource_ref', resourceRef)
      .orderBy(['consumer_ref', 'name']);
    return rows.map(
      (r: {
        consumer_ref: string;
        resource_ref: string;
        name: string;
        sql: string;
      }) => ({
        consumerRef: r.consumer_ref,
        resourceRef: r.resource_ref,
        name: r.name,
        sql: r.sql,
      }),
    );
  }

  async saveCheck(result: MigrationCheckResult): Promise<void> {
    await this.db('migration_checks')
      .insert({
        resource_ref: result.resourceRef,
        result: JSON.stringify(result),
      })
      .onConflict('resource_ref')
      .merge();
  }

  async latestCheck(
    resourceRef: string,
  ): Promise<MigrationCheckResult | undefined> {
    const row = await this.db('migration_checks')
      .where('resource_ref', resourceRef)
      .first();
    return row
      ? parseJsonColumn<MigrationCheckResult | undefined>(row.result, undefined)
      : undefined;
  }
}
