import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { retryStartupRace } from './retryStartupRace';

const migrationsDir = resolvePackagePath(
  '@integration-health/plugin-integration-health-backend',
  'migrations',
);

/** Returns the plugin's database client, migrated unless config says to skip. */
export async function migrateDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await retryStartupRace(() =>
      client.migrate.latest({ directory: migrationsDir }),
    );
  }
  return client;
}
