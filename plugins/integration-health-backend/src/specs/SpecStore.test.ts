import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createStores } from '../database/createStores';
import { NewSpecVersion } from './SpecStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const API = 'api:default/transaction-events';

function version(overrides: Partial<NewSpecVersion>): NewSpecVersion {
  return {
    apiRef: API,
    definition: 'asyncapi: 2.6.0',
    contentHash: 'a'.repeat(64),
    format: 'asyncapi-2',
    versionLabel: '1.0.0',
    observedAt: new Date('2026-02-09T09:00:00.000Z'),
    source: 'catalog',
    changes: [],
    entityEtag: 'etag-1',
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseSpecStore on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return (await createStores(mockServices.database({ knex }))).specStore;
    }

    it('records versions with their changes and keeps the newest as current', async () => {
      const store = await createStore();
      const { id: first } = await store.recordVersion(version({}));
      const { id: second } = await store.recordVersion(
        version({
          definition: 'asyncapi: 2.6.0 # v2',
          contentHash: 'b'.repeat(64),
          versionLabel: '2.0.0',
          observedAt: new Date('2026-11-02T09:00:00.000Z'),
          previousVersionId: first,
          entityEtag: 'etag-2',
          changes: [
            {
              ruleId: 'response-required-property-removed',
              level: 'breaking',
              location: 'channel transactions.booked (subscribe)',
              pointer: '/components/schemas/TransactionBooked',
              message: "required property 'accountId' removed",
              fingerprint: 'f1',
            },
            {
              ruleId: 'endpoint-deprecated-with-sunset',
              level: 'info',
              location: 'POST /postings',
              pointer: '/paths/~1postings/post',
              message: 'deprecated',
              fingerprint: 'f2',
              sunset: '2027-01-15',
            },
          ],
        }),
      );

      expect(await store.getStates([API, 'api:default/unknown'])).toEqual(
        new Map([
          [
            API,
            {
              apiRef: API,
              entityEtag: 'etag-2',
              currentVersionId: second,
              currentHash: 'b'.repeat(64),
            },
          ],
        ]),
      );
      expect(await store.getDefinition(second)).toBe('asyncapi: 2.6.0 # v2');
      expect(await store.hasVersion(API, 'a'.repeat(64))).toBe(true);
      expect(await store.hasVersion(API, 'c'.repeat(64))).toBe(false);

      const versions = await store.listVersions(API);
      expect(
        versions.map(v => [v.versionLabel, v.observedAt, v.summary]),
      ).toEqual([
        [
          '2.0.0',
          '2026-11-02T09:00:00.000Z',
          { breaking: 1, warning: 0, info: 1 },
        ],
        [
          '1.0.0',
          '2026-02-09T09:00:00.000Z',
          { breaking: 0, warning: 0, info: 0 },
        ],
      ]);
      expect(versions[0].previousVersionId).toBe(first);

      const changes = await store.listChanges(API, second);
      expect(changes).toEqual([
        expect.objectContaining({
          ruleId: 'response-required-property-removed',
          level: 'breaking',
          sunset: undefined,
        }),
        expect.objectContaining({
          ruleId: 'endpoint-deprecated-with-sunset',
          sunset: '2027-01-15',
        }),
      ]);
      expect(
        await store.listChanges('api:default/other', second),
      ).toBeUndefined();
    });

    it('keeps the entity etag when a seed becomes current, and updates it on touch', async () => {
      const store = await createStore();
      await store.recordVersion(version({}));
      await store.recordVersion(
        version({
          source: 'seed',
          contentHash: 'd'.repeat(64),
          entityEtag: undefined,
        }),
      );
      expect((await store.getStates([API])).get(API)?.entityEtag).toBe(
        'etag-1',
      );

      await store.touch(API, 'etag-9', new Date());
      expect((await store.getStates([API])).get(API)).toMatchObject({
        entityEtag: 'etag-9',
        currentHash: 'd'.repeat(64),
      });
    });

    it('keeps one version when writers record the same content at once', async () => {
      const store = await createStore();
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          store.recordVersion(
            version({
              changes: [
                {
                  ruleId: 'endpoint-removed',
                  level: 'breaking',
                  location: 'GET /postings',
                  pointer: '/paths/~1postings/get',
                  message: `removed (writer ${i})`,
                  fingerprint: `f${i}`,
                },
              ],
            }),
          ),
        ),
      );
      const versions = await store.listVersions(API);
      expect(versions).toHaveLength(1);
      expect(versions[0].summary.breaking).toBe(1);
      expect(results.filter(r => r.recorded)).toHaveLength(1);
      expect(new Set(results.map(r => r.id))).toEqual(
        new Set([versions[0].id]),
      );
      expect((await store.getStates([API])).get(API)?.currentVersionId).toBe(
        versions[0].id,
      );
    });

    it('records a definition that goes back to earlier content as a version of its own, with its changes', async () => {
      const store = await createStore();
      const first = await store.recordVersion(version({}));
      const second = await store.recordVersion(
        version({ contentHash: 'b'.repeat(64), previousVersionId: first.id }),
      );
      const reverted = {
        ruleId: 'endpoint-removed',
        level: 'breaking' as const,
        location: 'GET /postings',
        pointer: '/paths/~1postings/get',
        message: 'removed again',
        fingerprint: 'back',
      };
      const back = await store.recordVersion(
        version({ previousVersionId: second.id, changes: [reverted] }),
      );
      expect(back.recorded).toBe(true);
      expect(back.id).not.toBe(first.id);
      const versions = await store.listVersions(API);
      expect(versions).toHaveLength(3);
      expect(versions[0]).toMatchObject({
        id: back.id,
        previousVersionId: second.id,
        summary: { breaking: 1 },
      });
      expect((await store.getStates([API])).get(API)).toMatchObject({
        currentVersionId: back.id,
        currentHash: 'a'.repeat(64),
      });
    });

    it('marks APIs the catalog no longer has as gone, and brings them back when they return', async () => {
      const store = await createStore();
      await store.recordVersion(version({}));
      await store.recordVersion(version({ apiRef: 'api:default/other' }));

      expect(
        await store.markSeen([API], new Date('2026-11-21T10:00:00Z')),
      ).toEqual({ gone: 1 });
      expect(await store.listGone()).toEqual(['api:default/other']);
      expect(await store.listVersions('api:default/other')).toHaveLength(1);

      expect(
        await store.markSeen(
          [API, 'api:default/other'],
          new Date('2026-11-21T11:00:00Z'),
        ),
      ).toEqual({ gone: 0 });
      expect(await store.listGone()).toEqual([]);
    });
  },
);
