import { createHash } from 'node:crypto';
import { Knex } from 'knex';

export const SYNC_STATE_TABLE = 'integration_sync_state';

/** Where the integrations table stands (see the migration). */
export type IntegrationSyncState = {
  revision: number;
  /** When a full sync last saw every current integration. */
  activeSeenAt?: Date;
};

/** What a write compares against: each stored row's content and whether it is gone. */
export type StoredIntegrations = Map<
  string,
  { signature: string; gone: boolean }
>;

/** The stored rows as of a revision, kept by the process that read or wrote them. */
export type KnownIntegrations = {
  revision: number;
  rows: StoredIntegrations;
};

/** A short hash of the columns a sync may change. */
export function contentSignature(
  row: Record<string, unknown>,
  columns: readonly string[],
): string {
  return createHash('sha1')
    .update(JSON.stringify(columns.map(c => row[c] ?? null)))
    .digest('base64');
}

function toDate(value: unknown): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value as string);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The state row, locked for the rest of the transaction on PostgreSQL. */
export async function readSyncState(
  db: Knex | Knex.Transaction,
  options: { forUpdate?: boolean } = {},
): Promise<IntegrationSyncState> {
  let query = db(SYNC_STATE_TABLE)
    .where('id', 1)
    .first('revision', 'active_seen_at');
  if (options.forUpdate && db.client.config.client === 'pg') {
    query = query.forUpdate();
  }
  const row:
    | { revision: number | string; active_seen_at: unknown }
    | undefined = await query;
  return {
    revision: Number(row?.revision ?? 0),
    activeSeenAt: toDate(row?.active_seen_at),
  };
}

export async function writeSyncState(
  tx: Knex.Transaction,
  state: IntegrationSyncState,
): Promise<void> {
  await tx(SYNC_STATE_TABLE)
    .insert({
      id: 1,
      revision: state.revision,
      active_seen_at: state.activeSeenAt ?? null,
    })
    .onConflict('id')
    .merge();
}

/**
 * When an integration was last seen: a current one by the last full sync
 * at the latest (its row is not rewritten on every sync), a gone one when
 * it was last written.
 */
export function lastSeenAt(row: {
  last_seen_at: unknown;
  gone_at: unknown;
  active_seen_at?: unknown;
}): Date | undefined {
  const own = toDate(row.last_seen_at);
  if (row.gone_at !== null && row.gone_at !== undefined) return own;
  const activeSeenAt = toDate(row.active_seen_at);
  if (!own || (activeSeenAt && activeSeenAt > own)) return activeSeenAt;
  return own;
}
