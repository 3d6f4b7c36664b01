import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_SCORE_CONFIG } from '@integration-health/plugin-integration-health-common';
import { catalogChangeFingerprint } from '@integration-health/plugin-integration-health-node';
import { createStores } from '../../database/createStores';
import { ScoreService } from '../../evidence/scores/ScoreService';
import { SpecHistoryService } from '../../specs/SpecHistoryService';
import { SpecWorkerPool } from '../../specs/worker/SpecWorkerPool';
import { entity } from '../../testUtils/entities';
import { buildIntegrations } from './buildIntegrations';
import { IncrementalSync } from './IncrementalSync';
import { readCatalogSnapshot } from './readCatalogSnapshot';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const pools: SpecWorkerPool[] = [];
afterAll(() => Promise.all(pools.map(p => p.close())));

const REVERSE: Record<string, string> = {
  consumesApi: 'apiConsumedBy',
  providesApi: 'apiProvidedBy',
  dependsOn: 'dependencyOf',
};

/** The catalog as it serves entities once stitched: each relation and its reverse. */
function stitched(entities: Entity[]): Entity[] {
  const reverse = new Map<string, { type: string; targetRef: string }[]>();
  for (const e of entities) {
    for (const r of e.relations ?? []) {
      if (!REVERSE[r.type]) continue;
      const list = reverse.get(r.targetRef) ?? [];
      list.push({ type: REVERSE[r.type], targetRef: stringifyEntityRef(e) });
      reverse.set(r.targetRef, list);
    }
  }
  return entities.map(e => ({
    ...e,
    relations: [
      ...(e.relations ?? []).filter(
        r => !Object.values(REVERSE).includes(r.type),
      ),
      ...(reverse.get(stringifyEntityRef(e)) ?? []),
    ],
  }));
}

/** The entity's spec follows its forward relations, as its owners wrote it. */
function authored(
  ref: string,
  options: { owner: string; relations: Record<string, string[]> },
): Entity {
  const e = entity(ref, { owner: options.owner, relations: options.relations });
  return { ...e, spec: { ...e.spec, relationsAsWritten: options.relations } };
}

async function setup(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const stores = await createStores(mockServices.database({ knex }));
  const specs = new SpecWorkerPool();
  pools.push(specs);
  const logger = mockServices.logger.mock();
  const specHistory = new SpecHistoryService({
    specStore: stores.specStore,
    logger,
    maxDocumentBytes: 100_000,
    specs,
  });
  const scoreService = new ScoreService({
    evidenceStore: stores.evidenceStore,
    scoreStore: stores.scoreStore,
    mockStore: stores.mockStore,
    specStore: stores.specStore,
    specs,
    config: DEFAULT_SCORE_CONFIG,
  });
  let catalog = catalogServiceMock({ entities: [] });
  const calendar = { addDetected: jest.fn(async () => 0) };
  const observations = { syncNamesOf: jest.fn(async () => {}) };
  const incremental = () =>
    new IncrementalSync({
      catalog,
      auth: mockServices.auth(),
      logger,
      integrationStore: stores.integrationStore,
      syncRunStore: stores.syncRunStore,
      specHistory,
      scoreService,
      calendarService: calendar,
      observationService: observations,
      pageSize: 50,
      leaseMs: 60_000,
    });
  return {
    stores,
    calendar,
    observations,
    setCatalog(entities: Entity[]) {
      catalog = catalogServiceMock({ entities: stitched(entities) });
      return catalog;
    },
    incremental,
    /** What a full sync of the current catalog would store. */
    async fullResult() {
      const snapshot = await readCatalogSnapshot({
        catalog,
        auth: mockServices.auth(),
        pageSize: 50,
      });
      return buildIntegrations(snapshot).integrations;
    },
  };
}

const comparable = (i: {
  consumerRef: string;
  providerRef: string;
  apiRef?: string;
  sources: string[];
  consumerOwnerRef?: string;
  providerOwnerRef?: string;
  findings: { id: string }[];
}) =>
  JSON.stringify([
    i.consumerRef,
    i.providerRef,
    i.apiRef ?? null,
    [...i.sources].sort(),
    i.consumerOwnerRef ?? null,
    i.providerOwnerRef ?? null,
    i.findings.map(f => f.id).sort(),
  ]);

function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe.each(databases.eachSupportedId())(
  'IncrementalSync on %p',
  databaseId => {
    it.each([42, 7, 1234])(
      'after any sequence of announced changes stores what a full sync of the catalog would (seed %p)',
      async seed => {
        const { stores, setCatalog, incremental, fullResult } = await setup(
          databaseId,
        );
        const random = seeded(seed);
        const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
        const components = Array.from(
          { length: 12 },
          (_, i) => `component:default/c${i}`,
        );
        const apis = Array.from({ length: 6 }, (_, i) => `api:default/a${i}`);
        const teams = [
          'group:default/t0',
          'group:default/t1',
          'group:default/t2',
        ];
        type Spec = { owner: string; relations: Record<string, string[]> };
        const specs = new Map<string, Spec>();
        for (const ref of [...components, ...apis]) {
          specs.set(ref, { owner: pick(teams), relations: {} });
        }
        for (const ref of components) {
          specs.get(ref)!.relations = {
            consumesApi: [pick(apis)],
            providesApi: random() < 0.5 ? [pick(apis)] : [],
            dependsOn: random() < 0.3 ? [pick(components)] : [],
          };
        }
        const current = () => [
          ...[...specs].map(([ref, spec]) => authored(ref, spec)),
          ...teams.map(ref => entity(ref)),
        ];
        setCatalog(current());
        await stores.integrationStore.replaceIntegrations(
          await fullResult(),
          new Date(),
        );

        for (let step = 0; step < 40; step++) {
          // One or two entities change: a relation added or removed, or the owner.
          const changed = new Set([
            pick(components),
            pick([...components, ...apis]),
          ]);
          for (const ref of changed) {
            const spec = specs.get(ref)!;
            const what = random();
            if (what < 0.25) spec.owner = pick(teams);
            else if (ref.startsWith('component:')) {
              const type = pick(['consumesApi', 'providesApi', 'dependsOn']);
              const pool = type === 'dependsOn' ? components : apis;
              const list = spec.relations[type] ?? [];
              spec.relations[type] =
                what < 0.6 && list.length > 0
                  ? list.slice(1)
                  : [...new Set([...list, pick(pool)])];
            }
          }
          const entities = current();
          setCatalog(entities);
          const result = await incremental().run(
            entities
              .filter(e => changed.has(stringifyEntityRef(e)))
              .map(e => ({
                entityRef: stringifyEntityRef(e),
                fingerprint: catalogChangeFingerprint(e),
              })),
            { now: new Date(Date.now() + step * 1000) },
          );
          expect(result.pending).toEqual([]);
          expect(result.synced.sort()).toEqual([...changed].sort());

          const stored = await stores.integrationStore.getByIds(
            await stores.integrationStore.activeIds(),
          );
          expect(stored.map(comparable).sort()).toEqual(
            (await fullResult()).map(comparable).sort(),
          );
        }
      },
    );

    it('leaves a change the catalog does not serve yet pending, then syncs it once served', async () => {
      const { stores, setCatalog, incremental, observations } = await setup(
        databaseId,
      );
      const before = [
        authored('component:default/shop', {
          owner: 'group:default/t0',
          relations: {},
        }),
        authored('component:default/ledger', {
          owner: 'group:default/t1',
          relations: { providesApi: ['api:default/ledger-api'] },
        }),
        authored('api:default/ledger-api', {
          owner: 'group:default/t1',
          relations: {},
        }),
      ];
      const after = authored('component:default/shop', {
        owner: 'group:default/t0',
        relations: { consumesApi: ['api:default/ledger-api'] },
      });
      const announced = {
        entityRef: 'component:default/shop',
        fingerprint: catalogChangeFingerprint(after),
      };
      // Processed but not stitched: the catalog still serves the old entity.
      setCatalog(before);
      const early = await incremental().run([announced]);
      expect(early.pending).toEqual([announced]);
      expect(await stores.integrationStore.activeIds()).toEqual([]);

      setCatalog([after, ...before.slice(1)]);
      const served = await incremental().run([announced]);
      expect(served.pending).toEqual([]);
      expect(served.affectedRefs.sort()).toEqual([
        'api:default/ledger-api',
        'component:default/ledger',
        'component:default/shop',
      ]);
      const { upstream } = await stores.integrationStore.listForEntity(
        'component:default/shop',
      );
      expect(upstream.map(i => i.providerRef)).toEqual([
        'component:default/ledger',
      ]);
      // The changed entity's telemetry names follow it.
      expect(observations.syncNamesOf).toHaveBeenCalledTimes(1);
      const [refs, snapshot] = observations.syncNamesOf.mock.calls[0] as any[];
      expect(refs).toEqual(['component:default/shop']);
      expect(
        snapshot.entities.get('component:default/shop').telemetryNames,
      ).toEqual(['shop']);
    });

    it('records a new definition of a changed API and puts its breaking changes on the calendar', async () => {
      const { stores, setCatalog, incremental, calendar } = await setup(
        databaseId,
      );
      const api = (required: string) => {
        const e = authored('api:default/orders-api', {
          owner: 'group:default/t0',
          relations: {},
        });
        return {
          ...e,
          metadata: { ...e.metadata, etag: required },
          spec: {
            ...e.spec,
            type: 'openapi',
            definition: JSON.stringify({
              openapi: '3.0.3',
              info: { title: 'Orders', version: required },
              paths: {
                '/orders': {
                  get: {
                    responses: {
                      '200': {
                        description: 'ok',
                        content: {
                          'application/json': {
                            schema: {
                              type: 'object',
                              required: [required],
                              properties: { [required]: { type: 'string' } },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            }),
          },
        };
      };
      for (const version of ['orderId', 'orderRef']) {
        const e = api(version);
        setCatalog([e]);
        await incremental().run([
          {
            entityRef: 'api:default/orders-api',
            fingerprint: catalogChangeFingerprint(e),
          },
        ]);
      }
      const versions = await stores.specStore.listVersions(
        'api:default/orders-api',
      );
      expect(versions).toHaveLength(2);
      expect(calendar.addDetected).toHaveBeenCalledTimes(2);
    });

    it('does nothing while the scheduled sync holds the lease', async () => {
      const { stores, setCatalog, incremental } = await setup(databaseId);
      const shop = authored('component:default/shop', {
        owner: 'group:default/t0',
        relations: {},
      });
      setCatalog([shop]);
      await stores.syncRunStore.acquireLease('scheduled', new Date(), 60_000);
      const change = {
        entityRef: 'component:default/shop',
        fingerprint: catalogChangeFingerprint(shop),
      };
      const result = await incremental().run([change]);
      expect(result).toMatchObject({
        busy: true,
        pending: [change],
        synced: [],
      });
    });
  },
);
