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
