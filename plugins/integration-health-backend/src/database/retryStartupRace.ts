// Replicas that start together on one database race to create migration
// bookkeeping tables (knex's, and the scheduler's own) before any lock
// exists, and then for knex's migration lock, which knex does not wait for.
// The loser sees a duplicate or a held lock; trying again a little later
// succeeds once the winner is done.
const RACE_ERROR = /already exists|duplicate key value|already locked/i;
const ATTEMPTS = 30;

/** Runs a startup step that may lose such a race, retrying it when it does. */
export async function retryStartupRace<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= ATTEMPTS || !RACE_ERROR.test(String(error))) {
        throw error;
      }
      await new Promise(resolve =>
        setTimeout(resolve, Math.min(100 * attempt, 1000)),
      );
    }
  }
}
