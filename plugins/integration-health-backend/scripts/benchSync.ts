/**
 * Measures the sync job and the read routes on a synthetic organisation
 * (default 10,000 components, 300 groups), on the embedded SQLite database or,
 * with --pg, on the PostgreSQL named by
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING. The plugin runs as a
 * backend installs it (its own composition, calendar step included); only
 * the catalog is an in-memory double, timed apart. Prints progress lines,
 * then one JSON object as the last line.
 *
 *   npm run bench:sync -- [--components 10000] [--groups 300] [--pg]
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  catalogServiceRef,
  CatalogService,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { SyncRun } from '@integration-health/plugin-integration-health-common';
import { integrationHealthPlugin } from '../src/plugin';
import { heldTasks, percentile, round } from './benchParts';
import {
  openApiDefinition,
  seededRandom,
  syntheticCatalog,
} from './syntheticCatalog';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

function connect(): Knex {
  if (process.argv.includes('--pg')) {
    const url =
      process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
    if (!url) {
      throw new Error(
        '--pg needs BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
      );
    }
    return knexFactory({ client: 'pg', connection: url });
  }
  return knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
}

/**
 * The in-memory catalog, timed: its scans are not what a real catalog does,
 * so the time spent inside it is reported apart from the plugin's own. Its
 * entities can be replaced between runs.
 */
function timedCatalog(spent: { ms: number }) {
  let current = catalogServiceMock({ entities: [] });
  const catalog = new Proxy({} as CatalogService, {
    get(_target, property) {
      const value = Reflect.get(current, property, current);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const start = performance.now();
        try {
          return await value.apply(current, args);
        } finally {
          spent.ms += performance.now() - start;
        }
      };
    },
  });
  return {
    catalog,
    setEntities(entities: Entity[]) {
      current = catalogServiceMock({ entities });
    },
  };
}

async function timed<T>(
  what: string,
  catalogTime: { ms: number },
  fn: () => Promise<T>,
) {
  catalogTime.ms = 0;
  const start = performance.now();
  const value = await fn();
  const seconds = (performance.now() - start) / 1000;
  const own = seconds - catalogTime.ms / 1000;
  process.stdout.write(
    `${what}: ${round(seconds)} s, of which ${round(
      own,
    )} s in the plugin and ${round(
      catalogTime.ms / 1000,
    )} s in the in-memory catalog\n`,
  );
  return { value, seconds, own };
}

async function main() {
  const components = argument('components', 10000);
  const groups = argument('groups', 300);
  const catalog = syntheticCatalog({ components, groups });
  process.stdout.write(
    `catalog: ${catalog.entities.length} entities (${components} components, ${catalog.apiRefs.length} APIs, ${groups} groups)\n`,
  );

  const knex = connect();
  if (process.argv.includes('--pg')) {
    // A clean schema for each run of the benchmark.
    await knex.raw('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  }
  const catalogTime = { ms: 0 };
  const timedCatalogService = timedCatalog(catalogTime);
  const tasks = heldTasks();
  // The plugin itself, as a backend installs it.
  const backend = await startTestBackend({
    features: [
      integrationHealthPlugin,
      tasks.factory,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => timedCatalogService.catalog,
      }),
      mockServices.database.factory({ knex }),
      mockServices.rootLogger.factory({ level: 'none' }),
      mockServices.rootConfig.factory({
        data: { integrationHealth: { sync: { pageSize: 500 } } },
      }),
    ],
  });
  const syncWith = async (entities: Entity[]): Promise<SyncRun> => {
    timedCatalogService.setEntities(entities);
    await tasks.run('integration-health-catalog-sync');
    const latest = await request(backend.server)
      .get('/api/integration-health/v1/sync-runs/latest')
      .set('Authorization', 'Bearer mock-service-token');
    return latest.body;
  };

  const errors: string[] = [];
  const check = (run: Awaited<ReturnType<typeof syncWith>>) => {
    if (run.status !== 'succeeded') errors.push(`sync failed: ${run.error}`);
    return run;
  };

  const full = await timed('full sync', catalogTime, () =>
    syncWith(catalog.entities),
  );
  check(full.value);
  const noop = await timed('no-op sync', catalogTime, () =>
    syncWith(catalog.entities),
  );
  check(noop.value);

  // One API changes: its required field is renamed (a breaking change).
  const changedRef = catalog.apiRefs[0];
  const changed = catalog.entities.map(e => {
    if (`api:default/${e.metadata.name}` !== changedRef) return e;
    return {
      ...e,
      metadata: { ...e.metadata, etag: `${e.metadata.name}-2` },
      spec: {
        ...e.spec,
        definition: openApiDefinition(e.metadata.name, '2.0.0', {
          requiredField: 'accountRef',
        }),
      },
    };
  });
  const one = await timed('one-change sync', catalogTime, () =>
    syncWith(changed),
  );
  check(one.value);
  if (one.value.counts?.specVersionsAdded !== 1) {
    errors.push(
      `one-change sync recorded ${one.value.counts?.specVersionsAdded} versions, expected 1`,
    );
  }

  const random = seededRandom(7);
  const sample = (refs: string[], n: number) =>
    Array.from({ length: n }, () => refs[Math.floor(random() * refs.length)]);
  const path = (ref: string) => {
    const { kind, namespace, name } = parseEntityRef(ref);
    return `/api/integration-health/v1/entities/${kind}/${namespace}/${name}`;
  };
  const latency = async (url: string) => {
    const start = performance.now();
    const res = await request(backend.server)
      .get(url)
      .set('Authorization', 'Bearer mock-user-token');
    if (res.status !== 200) errors.push(`${url}: ${res.status}`);
    return performance.now() - start;
  };

  // Deep APIs (lowest layer) have the widest blast radius.
  const blast: number[] = [];
  for (const ref of sample(catalog.apiRefs, 200)) {
    blast.push(
      await latency(`${path(ref)}/blast-radius?depth=3&maxNodes=1000`),
    );
  }
  const integrations: number[] = [];
  for (const ref of sample(catalog.componentRefs, 500)) {
    integrations.push(await latency(`${path(ref)}/integrations`));
  }
  // The leadership scorecard over all 300 teams, from the day's snapshot.
  const scorecard: number[] = [];
  let teams = 0;
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    const res = await request(backend.server)
      .get('/api/integration-health/v1/scorecard?kind=team&window=30')
      .set('Authorization', 'Bearer mock-user-token');
    scorecard.push(performance.now() - start);
    if (res.status !== 200) errors.push(`scorecard: ${res.status}`);
    teams = res.body.rows?.length ?? 0;
  }
  if (teams === 0) errors.push('scorecard: no team rows');
  // Drilling down from a team to its integrations: the whole organisation
  // (team-0, every integration) and single teams.
  const drillDown = (team: string) =>
    latency(
      `/api/integration-health/v1/scorecard/integrations?ref=${team}&window=30`,
    );
  const drillRoot: number[] = [];
  for (let i = 0; i < 5; i++)
    drillRoot.push(await drillDown('group:default/team-0'));
  const drillTeams: number[] = [];
  for (const team of sample(catalog.groupRefs.slice(16), 50)) {
    drillTeams.push(await drillDown(team));
  }
  await backend.stop();
  await knex.destroy();

  const result = {
    database: process.argv.includes('--pg') ? 'postgres' : 'sqlite',
    entities: catalog.entities.length,
    integrations: full.value.counts?.integrations,
    full_sync_s: round(full.seconds),
    noop_sync_s: round(noop.seconds),
    one_change_sync_s: round(one.seconds),
    full_sync_plugin_s: round(full.own),
    noop_sync_plugin_s: round(noop.own),
    one_change_sync_plugin_s: round(one.own),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    blast_radius_p95_ms: round(percentile(blast, 95), 1),
    entity_integrations_p99_ms: round(percentile(integrations, 99), 1),
    scorecard_teams: teams,
    scorecard_p95_ms: round(percentile(scorecard, 95), 1),
    drilldown_team_p95_ms: round(percentile(drillTeams, 95), 1),
    drilldown_organisation_ms: round(percentile(drillRoot, 50), 1),
    errors: errors.length,
  };
  for (const error of errors.slice(0, 10))
    process.stdout.write(`error: ${error}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(errors.length === 0 ? 0 : 1);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(2);
});
