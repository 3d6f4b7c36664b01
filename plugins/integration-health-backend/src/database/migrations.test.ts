import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import { Knex } from 'knex';
import { createStores } from './createStores';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const directory = resolvePackagePath(
  '@integration-health/plugin-integration-health-backend',
  'migrations',
);
const migrations = fs
  .readdirSync(directory)
  .filter(file => file.endsWith('.js'))
  .sort();

// The plugin's tables, whatever else the database holds (knex's own included).
async function pluginTables(knex: Knex): Promise<string[]> {
  const names =
    knex.client.config.client === 'pg'
      ? (
          await knex('information_schema.tables')
            .where({ table_schema: knex.raw('current_schema()') })
            .select('table_name as name')
        ).map((r: { name: string }) => r.name)
      : (
          await knex('sqlite_master').where({ type: 'table' }).select('name')
        ).map((r: { name: string }) => r.name);
  return names
    .filter(name => !name.startsWith('knex_') && !name.startsWith('sqlite_'))
    .sort();
}

describe.each(databases.eachSupportedId())('migrations on %s', databaseId => {
  it('go up one at a time, then down one at a time to an empty database', async () => {
    const knex = await databases.init(databaseId);
    const config = { directory };
    const afterEach: string[][] = [];
    for (let i = 0; i < migrations.length; i++) {
      await knex.migrate.up(config);
      afterEach.push(await pluginTables(knex));
    }
    expect(await knex.migrate.currentVersion(config)).toBe(
      migrations[migrations.length - 1].split('_')[0],
    );
    expect(afterEach[afterEach.length - 1]).toEqual(
      expect.arrayContaining([
        'integrations',
        'sync_runs',
        'integration_incidents',
      ]),
    );

    // Each down undoes its up: the tables are as they were one step before.
    for (let i = migrations.length - 1; i >= 0; i--) {
      expect(await pluginTables(knex)).toEqual(afterEach[i]);
      await knex.migrate.down(config);
    }
    expect(await pluginTables(knex)).toEqual([]);

    // And up again from nothing, as a reinstall would.
    await knex.migrate.latest(config);
    expect(await pluginTables(knex)).toEqual(afterEach[afterEach.length - 1]);
  });

  it('run once when the stores are created, and not at all when config says to skip them', async () => {
    const knex = await databases.init(databaseId);
    const skipped = mockServices.database({
      knex,
      migrations: { skip: true },
    });
    await createStores(skipped);
    expect(await pluginTables(knex)).toEqual([]);

    // Every store shares one client, migrated once.
    const database = mockServices.database({ knex });
    const getClient = jest.spyOn(database, 'getClient');
    await createStores(database);
    expect(getClient).toHaveBeenCalledTimes(1);
    expect(await pluginTables(knex)).toContain('integrations');
    const [{ n }] = await knex('knex_migrations').count({ n: '*' });
    expect(Number(n)).toBe(migrations.length);
  });
});
