import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RollupService } from '../../scorecard/RollupService';
import { ScoreService } from '../../evidence/scores/ScoreService';
import { DEFAULT_SCORE_CONFIG } from '@integration-health/plugin-integration-health-common';
import { SpecHistoryService } from '../../specs/SpecHistoryService';
import { SpecWorkerPool } from '../../specs/worker/SpecWorkerPool';
import { entity, paymentsCatalog } from '../../testUtils/entities';
import {
  IntegrationSyncService,
  IntegrationSyncServiceOptions,
} from './IntegrationSyncService';
import { Knex } from 'knex';
import { createStores } from '../../database/createStores';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const pools: SpecWorkerPool[] = [];
afterAll(() => Promise.all(pools.map(p => p.close())));

async function setup(
  catalog: ReturnType<typeof catalogServiceMock>,
  existingKnex?: Knex,
  options: Partial<IntegrationSyncServiceOptions> = {},
) {
  const knex = existingKnex ?? (await databases.init('SQLITE_3'));
  const database = mockServices.database({ knex });
  const stores = await createStores(database);
  const { integrationStore, syncRunStore, specStore, scoreStore } = stores;
  const logger = mockServices.logger.mock();
  const specs = new SpecWorkerPool();
  pools.push(specs);
  const specHistory = new SpecHistoryService({
    specStore,
    logger,
    maxDocumentBytes: 5_000,
    specs,
  });
  const { evidenceStore, mockStore, sourceStore } = stores;
  const evidenceStores = { evidenceStore, mockStore, sourceStore };
  const scoreService = new ScoreService({
    evidenceStore,
    scoreStore,
    mockStore,
    specStore,
    specs,
    config: DEFAULT_SCORE_CONFIG,
  });
  const rollupService = new RollupService({
    catalog,
    integrationStore,
    scoreStore,
    rollupStore: stores.rollupStore,
  });
  const service = new IntegrationSyncService({
    rollupService,
    specHistory,
    evidenceStores,
    scoreService,
    catalog,
    auth: mockServices.auth(),
    logger,
    integrationStore,
    syncRunStore,
    pageSize: 3,
    ...options,
  });
  return {
    service,
    integrationStore,
    syncRunStore,
    specStore,
    evidenceStore,
    scoreStore,
    logger,
    knex,
  };
}

describe('IntegrationSyncService', () => {
  it('reads the catalog page by page and records the integrations and the run', async () => {
    const catalog = catalogServiceMock({ entities: paymentsCatalog() });
    const queryEntities = jest.spyOn(catalog, 'queryEntities');
    const { service, integrationStore, syncRunStore, logger } = await setup(
      catalog,
    );

    const summary = await service.runOnce();

    expect(summary).toMatchObject({
      status: 'succeeded',
      counts: {
        entitiesRead: 10,
        integrations: 4,
        integrationsAdded: 4,
        integrationsGone: 0,
        withoutAccountableOwner: 3,
        entityErrors: 0,
      },
    });
    // Each step's time is recorded, for whoever wonders which one is slow.
    expect(Object.keys(summary.counts?.stepMs ?? {}).sort()).toEqual([
      'calendar',
      'catalog',
      'evidence',
      'integrations',
      'rollups',
      'scores',
      'specs',
    ]);
    // 7 components/APIs/resources in pages of 3, then 3 groups in one page
    expect(queryEntities).toHaveBeenCalledTimes(4);
    expect(queryEntities.mock.calls[0][0]).toMatchObject({
      fields: expect.arrayContaining(['relations', 'metadata.annotations']),
      limit: 3,
    });
    const { upstream } = await integrationStore.listForEntity(
      'component:default/intake',
    );
    expect(upstream.map(i => i.providerRef)).toEqual([
      'component:default/processing',
      'component:default/validation',
    ]);
    expect(await syncRunStore.getLatestRun()).toMatchObject({
      id: summary.id,
      status: 'succeeded',
      entityErrors: [],
    });
    expect(logger.info).toHaveBeenCalledWith(
      'Integration sync finished',
      expect.objectContaining({ integrations: 4 }),
    );
  });

  it('records a malformed annotation and a relation to a missing entity on the run, and stores everything else', async () => {
    const entities = paymentsCatalog();
    const ledger = entities.find(
      e => e.kind === 'Component' && e.metadata.name === 'ledger',
    )!;
    ledger.metadata.annotations = {
      'integration-health.io/accountable-owner':
        'api:transaction-events==ledger',
    };
    ledger.relations!.push({
      type: 'consumesApi',
      targetRef: 'api:default/deleted-api',
    });
    const { service, integrationStore, syncRunStore } = await setup(
      catalogServiceMock({ entities }),
    );

    const summary = await service.runOnce();

    expect(summary.status).toBe('succeeded');
    expect(summary.counts?.integrations).toBe(4);
    const run = await syncRunStore.getLatestRun();
    expect(run?.entityErrors).toEqual([
      {
        entityRef: 'component:default/ledger',
        code: 'relation-target-missing',
        message: expect.stringContaining('api:default/deleted-api'),
      },
      {
        entityRef: 'component:default/ledger',
        code: 'accountable-owner-malformed',
        message: expect.stringContaining("'api:transaction-events==ledger'"),
      },
    ]);
    const { upstream } = await integrationStore.listForEntity(
      'component:default/ledger',
    );
    expect(upstream).toHaveLength(1);
  });

  it('fails the run and keeps the stored integrations when the catalog errors mid-sync', async () => {
    const catalog = catalogServiceMock({ entities: paymentsCatalog() });
    const { service, integrationStore, syncRunStore } = await setup(catalog);
    await service.runOnce();

    const realQuery = catalog.queryEntities.bind(catalog);
    let calls = 0;
    jest
      .spyOn(catalog, 'queryEntities')
      .mockImplementation(async (request, options) => {
        calls += 1;
        if (calls === 2) {
          throw new Error('catalog responded 503 Service Unavailable');
        }
        return realQuery(request, options);
      });

    const summary = await service.runOnce();

    expect(summary).toMatchObject({
      status: 'failed',
      error: 'catalog responded 503 Service Unavailable',
    });
    expect(await syncRunStore.getLatestRun()).toMatchObject({
      status: 'failed',
      error: 'catalog responded 503 Service Unavailable',
    });
    const { upstream } = await integrationStore.listForEntity(
      'component:default/intake',
    );
    expect(upstream).toHaveLength(2);
    expect(await syncRunStore.getLatestSucceededRun()).toMatchObject({
      status: 'succeeded',
    });
  });

  it('marks integrations gone when their relation disappears from the catalog', async () => {
    const entities = paymentsCatalog();
    const { service, knex } = await setup(catalogServiceMock({ entities }));
    await service.runOnce();

    const ledger = entities.find(
      e => e.kind === 'Component' && e.metadata.name === 'ledger',
    )!;
    ledger.relations = ledger.relations!.filter(r => r.type !== 'consumesApi');
    const later = await setup(catalogServiceMock({ entities }), knex);
    const summary = await later.service.runOnce();
    const { integrationStore } = later;

    expect(summary.counts).toMatchObject({
      integrations: 3,
      integrationsGone: 1,
    });
    const { upstream } = await integrationStore.listForEntity(
      'component:default/ledger',
    );
    expect(upstream).toEqual([]);
  });

  it('holds a run whose catalog answers far fewer entities or loses most integrations, changes nothing, and applies the next good read', async () => {
    const entities = paymentsCatalog();
    const hold = { maxGoneShare: 0.2, minEntitiesShare: 0.5 };
    const { service, knex, integrationStore, syncRunStore } = await setup(
      catalogServiceMock({ entities }),
      undefined,
      { hold },
    );
    expect((await service.runOnce()).status).toBe('succeeded');
    const before = await integrationStore.activeIds();
    expect(before).toHaveLength(4);

    // A catalog still ingesting after a restart: only the groups so far.
    const ingesting = await setup(
      catalogServiceMock({
        entities: entities.filter(e => e.kind === 'Group'),
      }),
      knex,
      { hold },
    );
    const held = await ingesting.service.runOnce();
    expect(held).toMatchObject({
      status: 'held',
      error: expect.stringMatching(
        /^the catalog answered 3 entities where the last good run read 10 /,
      ),
    });
    // A policy that hides the ledger and the processing service from the plugin.
    const hiding = await setup(
      catalogServiceMock({
        entities: entities.filter(
          e => !['ledger', 'processing'].includes(e.metadata.name),
        ),
      }),
      knex,
      { hold },
    );
    expect(await hiding.service.runOnce()).toMatchObject({
      status: 'held',
      error: expect.stringMatching(/^3 of 4 integrations would be marked gone/),
    });
    expect(await integrationStore.activeIds()).toEqual(before);
    expect(await syncRunStore.getLatestRun()).toMatchObject({ status: 'held' });

    const recovered = await setup(catalogServiceMock({ entities }), knex, {
      hold,
    });
    expect(await recovered.service.runOnce()).toMatchObject({
      status: 'succeeded',
      counts: { integrations: 4, integrationsGone: 0 },
    });
  });

  describe('spec history', () => {
    const events = (required: string[], etag: string) => {
      const api = entity('api:default/transaction-events', {
        owner: 'group:default/payments',
        type: 'asyncapi',
        relations: { apiProvidedBy: ['component:default/processing'] },
      });
      api.metadata.etag = etag;
      (api.spec as any).definition = JSON.stringify({
        asyncapi: '2.6.0',
        info: { title: 'Transaction events', version: etag },
        channels: {
          'transactions.booked': {
            subscribe: {
              message: {
                name: 'TransactionBooked',
                payload: {
                  type: 'object',
                  required,
                  properties: Object.fromEntries(
                    required.map(p => [p, { type: 'string' }]),
                  ),
                },
              },
            },
          },
        },
      });
      return api;
    };
    const withApi = (api: ReturnType<typeof entity>) => [
      ...paymentsCatalog().filter(
        e => e.metadata.name !== 'transaction-events',
      ),
      api,
    ];

    it('records a version when a definition first appears and when its content changes, with the breaking changes', async () => {
      const first = await setup(
        catalogServiceMock({
          entities: withApi(events(['transactionId', 'accountId'], '1.0.0')),
        }),
      );
      const run1 = await first.service.runOnce();
      // both APIs of the catalog are new
      expect(run1.counts).toMatchObject({
        specsChecked: 2,
        specVersionsAdded: 2,
        breakingChanges: 0,
      });

      const second = await setup(
        catalogServiceMock({
          entities: withApi(events(['transactionId', 'accountRef'], '2.0.0')),
        }),
        first.knex,
      );
      const run2 = await second.service.runOnce();
      expect(run2.counts).toMatchObject({
        specsChecked: 1,
        specVersionsAdded: 1,
        breakingChanges: 1,
      });

      const versions = await second.specStore.listVersions(
        'api:default/transaction-events',
      );
      expect(
        versions.map(v => [v.versionLabel, v.source, v.summary.breaking]),
      ).toEqual([
        ['2.0.0', 'catalog', 1],
        ['1.0.0', 'catalog', 0],
      ]);
      const changes = await second.specStore.listChanges(
        'api:default/transaction-events',
        versions[0].id,
      );
      expect(changes).toContainEqual(
        expect.objectContaining({
          ruleId: 'response-required-property-removed',
          level: 'breaking',
          location: 'channel transactions.booked (subscribe)',
        }),
      );
    });

    it('marks an API that left the catalog gone and keeps its history', async () => {
      const first = await setup(
        catalogServiceMock({
          entities: withApi(events(['transactionId'], '1.0.0')),
        }),
      );
      await first.service.runOnce();
      const later = await setup(
        catalogServiceMock({
          entities: paymentsCatalog().filter(
            e => e.metadata.name !== 'transaction-events',
          ),
        }),
        first.knex,
      );

      const run = await later.service.runOnce();

      expect(run.counts).toMatchObject({ apisGone: 1, specsChecked: 0 });
      expect(await later.specStore.listGone()).toEqual([
        'api:default/transaction-events',
      ]);
      expect(
        await later.specStore.listVersions('api:default/transaction-events'),
      ).toHaveLength(1);
    });

    it('resumes where an interrupted run stopped, without recording anything twice', async () => {
      const apis = Array.from({ length: 120 }, (_, n) =>
        entity(`api:default/api-${n}`, {
          owner: 'group:default/payments',
          type: 'openapi',
        }),
      );
      const catalog = catalogServiceMock({
        entities: [...paymentsCatalog(), ...apis],
      });
      const realGetByRefs = catalog.getEntitiesByRefs.bind(catalog);
      let calls = 0;
      jest
        .spyOn(catalog, 'getEntitiesByRefs')
        .mockImplementation(async (request, options) => {
          calls += 1;
          // The process dies while reading the second batch of definitions.
          if (calls === 2) throw new Error('connection reset by peer');
          return realGetByRefs(request, options);
        });
      const { service, specStore, syncRunStore } = await setup(catalog);

      const allApis = [
        ...apis.map(a => `api:default/${a.metadata.name}`),
        'api:default/validation-api',
        'api:default/transaction-events',
      ];
      const recorded = async () =>
        (
          await Promise.all(allApis.map(ref => specStore.listVersions(ref)))
        ).map(v => v.length);

      const interrupted = await service.runOnce();
      expect(interrupted).toMatchObject({
        status: 'failed',
        error: 'connection reset by peer',
      });
      const afterInterrupt = await recorded();
      const done = afterInterrupt.filter(n => n === 1).length;
      // The first batch of 50 definitions was recorded whole; nothing after it.
      expect(done).toBe(50);

      const resumed = await service.runOnce();
      expect(resumed.status).toBe('succeeded');
      // Only what the interrupted run had not finished is read and recorded.
      expect(resumed.counts?.specVersionsAdded).toBe(allApis.length - done);
      expect((await recorded()).every(n => n === 1)).toBe(true);
      expect((await syncRunStore.getLatestRun())?.status).toBe('succeeded');
    });

    it('does not read a definition again while its entity is unchanged', async () => {
      const catalog = catalogServiceMock({
        entities: withApi(events(['transactionId'], '1.0.0')),
      });
      const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
      const { service } = await setup(catalog);
      await service.runOnce();
      const again = await service.runOnce();
      expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);
      expect(again.counts).toMatchObject({
        specsChecked: 0,
        specVersionsAdded: 0,
      });
    });

    it('records an unparseable or oversize definition as an error on the run, and still stores the integrations', async () => {
      const broken = events(['transactionId'], '1.0.0');
      (broken.spec as any).definition = 'asyncapi: 2.6.0\nchannels: [\n';
      const big = entity('api:default/validation-api', {
        owner: 'group:default/payments',
        type: 'openapi',
        relations: { apiProvidedBy: ['component:default/validation'] },
      });
      (big.spec as any).definition = `openapi: 3.0.0\nx-padding: "${'x'.repeat(
        6_000,
      )}"\n`;
      const entities = [
        ...paymentsCatalog().filter(
          e =>
            !['transaction-events', 'validation-api'].includes(e.metadata.name),
        ),
        broken,
        big,
      ];
      const { service, syncRunStore, specStore, integrationStore } =
        await setup(catalogServiceMock({ entities }));

      const summary = await service.runOnce();

      expect(summary.status).toBe('succeeded');
      const run = await syncRunStore.getLatestRun();
      expect(run?.entityErrors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            entityRef: 'api:default/transaction-events',
            code: 'spec-unparseable',
            message: expect.stringContaining('line'),
          }),
          expect.objectContaining({
            entityRef: 'api:default/validation-api',
            code: 'spec-too-large',
          }),
        ]),
      );
      expect(
        await specStore.listVersions('api:default/validation-api'),
      ).toEqual([]);
      const [version] = await specStore.listVersions(
        'api:default/transaction-events',
      );
      expect(version.error).toMatch(/^Not compared: /);
      const { upstream } = await integrationStore.listForEntity(
        'component:default/intake',
      );
      expect(upstream).toHaveLength(2);
    });
  });

  it('recomputes the scores of integrations with evidence on each run, and leaves the rest unknown', async () => {
    const catalog = catalogServiceMock({ entities: paymentsCatalog() });
    const { service, integrationStore, evidenceStore, scoreStore } =
      await setup(catalog);
    await service.runOnce();
    const { downstream } = await integrationStore.listForEntity(
      'api:default/transaction-events',
    );
    const [ledger] = downstream;
    await evidenceStore.addVerification(
      ledger.id,
      {
        source: 'ci',
        result: 'passed',
        providerVersion: '1.0.0',
        verifiedAt: new Date().toISOString(),
      },
      new Date(),
    );

    const run = await service.runOnce();
    expect(run.counts?.integrationsScored).toBe(1);
    const scores = await scoreStore.getScores(
      (await integrationStore.getByIds([ledger.id])).map(i => i.id),
    );
    // 1.0.0 is the catalog's current definition: verified in production.
    expect(scores.get(ledger.id)?.contract).toMatchObject({
      value: 100,
      tier: 'verified-in-production',
    });
    expect(scores.get(ledger.id)?.mock).toMatchObject({ tier: 'no-mocks' });
    expect(scores.get(ledger.id)?.mock.value).toBeUndefined();
  });
});
