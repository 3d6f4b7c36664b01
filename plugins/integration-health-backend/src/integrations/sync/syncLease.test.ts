import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_SCORE_CONFIG } from '@integration-health/plugin-integration-health-common';
import { Knex } from 'knex';
import { createStores } from '../../database/createStores';
import { ScoreService } from '../../evidence/scores/ScoreService';
import { RollupService } from '../../scorecard/RollupService';
import { SpecHistoryService } from '../../specs/SpecHistoryService';
import { SpecWorkerPool } from '../../specs/worker/SpecWorkerPool';
import { paymentsCatalog } from '../../testUtils/entities';
import { IntegrationSyncService } from './IntegrationSyncService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const pools: SpecWorkerPool[] = [];
afterAll(() => Promise.all(pools.map(p => p.close())));

/** A catalog whose reads wait for `gate` (when given) and then `delayMs`. */
function slowCatalog(options: { delayMs?: number; gate?: Promise<void> }) {
  const catalog = catalogServiceMock({ entities: paymentsCatalog() });
  const query = catalog.queryEntities.bind(catalog);
  let reads = 0;
  let firstRead: () => void;
  const reading = new Promise<void>(resolve => {
    firstRead = resolve;
  });
  catalog.queryEntities = async (request, opts) => {
    reads += 1;
    firstRead();
    await options.gate;
    await new Promise(resolve => setTimeout(resolve, options.delayMs ?? 0));
    return query(request, opts);
  };
  return { catalog, reading, reads: () => reads };
}

/** One sync service on the database, as one backend process builds it. */
async function syncService(
  knex: Knex,
  catalog: ReturnType<typeof catalogServiceMock>,
  leaseMs?: number,
) {
  const stores = await createStores(mockServices.database({ knex }));
  const logger = mockServices.logger.mock();
  const specs = new SpecWorkerPool();
  pools.push(specs);
  const { evidenceStore, mockStore, sourceStore, specStore, scoreStore } =
    stores;
  const service = new IntegrationSyncService({
    catalog,
    auth: mockServices.auth(),
    logger,
    integrationStore: stores.integrationStore,
    syncRunStore: stores.syncRunStore,
    specHistory: new SpecHistoryService({
      specStore,
      logger,
      maxDocumentBytes: 100_000,
      specs,
    }),
    evidenceStores: { evidenceStore, mockStore, sourceStore },
    scoreService: new ScoreService({
      evidenceStore,
      scoreStore,
      mockStore,
      specStore,
      specs,
      config: DEFAULT_SCORE_CONFIG,
    }),
    rollupService: new RollupService({
      catalog,
      integrationStore: stores.integrationStore,
      scoreStore,
      rollupStore: stores.rollupStore,
    }),
    pageSize: 100,
    leaseMs,
  });
  return { service, stores, logger };
}

async function count(knex: Knex, table: string): Promise<number> {
  const [{ n }] = await knex(table).count({ n: '*' });
  return Number(n);
}

describe.each(databases.eachSupportedId())('the sync lease on %s', id => {
  it('lets one of two syncs started at once run; the other is recorded as skipped', async () => {
    const knex = await databases.init(id);
    const a = await syncService(knex, slowCatalog({ delayMs: 50 }).catalog);
    const b = await syncService(knex, slowCatalog({ delayMs: 50 }).catalog);

    const summaries = await Promise.all([
      a.service.runOnce(),
      b.service.runOnce(),
    ]);

    expect(summaries.map(s => s.status).sort()).toEqual([
      'skipped',
      'succeeded',
    ]);
    expect(summaries.find(s => s.status === 'skipped')?.error).toMatch(
      /^Skipped: another sync run holds the sync lease until /,
    );
    const runs = await knex('sync_runs').orderBy('status');
    expect(runs.map(r => r.status)).toEqual(['skipped', 'succeeded']);
    // The tab shows the run that ran, not the skipped one.
    expect(await a.stores.syncRunStore.getLatestRun()).toMatchObject({
      status: 'succeeded',
    });
    expect(await count(knex, 'integrations')).toBe(4);
    // Released at the end: the next sync runs.
    expect((await b.service.runOnce()).status).toBe('succeeded');
  });

  it('keeps the lease while a run outlives it, renewing it, so a later sync is skipped', async () => {
    const knex = await databases.init(id);
    const slow = slowCatalog({ delayMs: 400 });
    const long = await syncService(knex, slow.catalog, 300);
    const next = await syncService(knex, slowCatalog({}).catalog, 300);

    const running = long.service.runOnce();
    await slow.reading;
    await new Promise(resolve => setTimeout(resolve, 700));
    expect(await next.service.runOnce()).toMatchObject({ status: 'skipped' });
    expect(await running).toMatchObject({ status: 'succeeded' });
  });

  it('applies nothing when the lease was taken over while the run read the catalog', async () => {
    const knex = await databases.init(id);
    let open: () => void;
    const gate = new Promise<void>(resolve => {
      open = resolve;
    });
    const slow = slowCatalog({ gate });
    const { service, logger } = await syncService(knex, slow.catalog);

    const running = service.runOnce();
    await slow.reading;
    // As another process does once this run's lease expired (the process
    // stalled past it) and it took the lease over.
    await knex('sync_leases').update({
      holder: 'another-run',
      expires_at: new Date(Date.now() + 60_000),
    });
    open!();

    const summary = await running;
    expect(summary).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('another run took it over'),
    });
    expect(await count(knex, 'integrations')).toBe(0);
    expect(await count(knex, 'api_specs')).toBe(0);
    expect(await count(knex, 'rollup_snapshots')).toBe(0);
    expect(await knex('sync_leases').first('holder')).toEqual({
      holder: 'another-run',
    });
    expect(logger.warn).toHaveBeenCalledWith(
      'Integration sync lost its lease and stopped',
      expect.anything(),
    );
  });

  it('takes over a lease its holder let expire, and not before', async () => {
    const knex = await databases.init(id);
    const { service, stores } = await syncService(
      knex,
      slowCatalog({}).catalog,
    );
    await stores.syncRunStore.acquireLease('dead-process', new Date(), 60_000);
    expect((await service.runOnce()).status).toBe('skipped');

    await knex('sync_leases').update({ expires_at: new Date(Date.now() - 1) });
    expect((await service.runOnce()).status).toBe('succeeded');
    expect(await count(knex, 'sync_leases')).toBe(0);
  });
});
