import { Knex } from 'knex';

// Replicas that start together on one database race to create migration
// bookkeeping tables (knex's, and the scheduler's own) before any lock
// exists, and then for knex's migration lock, which knex does not wait for.
// The loser sees a duplicate or a held lock; trying again a little later
// succeeds once the winner is done.
const RACE_ERROR = /already exists|duplicate key value|already locked/i;
// Long enough for another replica's migrations on a busy database.
const GIVE_UP_AFTER_MS = 120_000;

/** Runs a startup step that may lose such a race, retrying it when it does. */
export async function retryStartupRace<T>(step: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (
        Date.now() - started > GIVE_UP_AFTER_MS ||
        !RACE_ERROR.test(String(error))
      ) {
        throw error;
      }
      await new Promise(resolve =>
        setTimeout(resolve, Math.min(100 * attempt, 1000)),
      );
    }
  }
}

// An arbitrary constant: the advisory lock replicas of this plugin share.
const STARTUP_LOCK = 7_303_174_211;

/**
 * Runs startup steps one replica at a time on PostgreSQL (an advisory lock
 * held for a transaction), for steps whose races cannot be retried: the
 * scheduler migrates its tables once per process and keeps a failure.
 * Other databases have one process and run the steps directly.
 */
export async function withStartupLock<T>(
  knex: Knex,
  steps: () => Promise<T>,
): Promise<T> {
  if (knex.client.config.client !== 'pg') {
    return steps();
  }
  return knex.transaction(async tx => {
    await tx.raw('select pg_advisory_xact_lock(?)', [STARTUP_LOCK]);
    return steps();
  });
}
