import { Knex } from 'knex';

/**
 * Makes the transaction the only one holding `key` until it ends, for
 * replace-style writes (delete then insert, read the latest then append)
 * that no unique index can guard. PostgreSQL's default isolation lets two
 * such transactions interleave, so they take an advisory lock; SQLite runs
 * one write transaction at a time already.
 */
export async function lockForTransaction(
  tx: Knex.Transaction,
  key: string,
): Promise<void> {
  if (tx.client.config.client === 'pg') {
    await tx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
      `integration-health:${key}`,
    ]);
  }
}
