import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createStores } from '../database/createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

describe.each(databases.eachSupportedId())(
  'DatabaseEvidenceStore on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return (await createStores(mockServices.database({ knex })))
        .evidenceStore;
    }

    it('keeps every verification and answers the newest per source', async () => {
      const store = await createStore();
      const add = (source: string, result: 'passed' | 'failed', at: string) =>
        store.addVerification(
          'i1',
          {
            source,
            result,
            providerVersion: '1.0.0',
            verifiedAt: at,
            url: `https://ci.example/${source}/${at}`,
          },
          new Date(at),
        );
      await add('ci', 'passed', '2026-11-01T10:00:00.000Z');
      await add('ci', 'failed', '2026-11-03T10:00:00.000Z');
      await add('pact-broker', 'passed', '2026-11-02T10:00:00.000Z');

      const latest = await store.latestVerifications('i1');
      expect(
        latest.map(v => [v.source, v.result, v.verifiedAt]).sort(),
      ).toEqual([
        ['ci', 'failed', '2026-11-03T10:00:00.000Z'],
        ['pact-broker', 'passed', '2026-11-02T10:00:00.000Z'],
      ]);
      expect(await store.latestVerifications('other')).toEqual([]);
      expect(await store.integrationIdsWithEvidence()).toEqual(['i1']);
    });

    it('answers the newest per source and environment of many integrations at once, however many newer rows other sources have', async () => {
      const store = await createStore();
      const day = (n: number) =>
        new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString();
      const verification = (
        source: string,
        at: string,
        environment?: string,
      ) => ({
        source,
        result: 'passed' as const,
        providerVersion: '1.0.0',
        verifiedAt: at,
        ...(environment ? { environment } : {}),
      });
      await store.addVerifications(
        [
          {
            integrationId: 'i1',
            verification: verification('nightly', day(0)),
          },
          {
            integrationId: 'i1',
            verification: verification('broker', day(1), 'production'),
          },
          // 150 newer runs of one CI source.
          ...Array.from({ length: 150 }, (_, n) => ({
            integrationId: 'i1',
            verification: verification('ci', day(10 + n)),
          })),
          { integrationId: 'i2', verification: verification('ci', day(5)) },
        ],
        new Date(day(200)),
      );
      const latest = await store.latestVerificationsOf(['i1', 'i2', 'i3']);
      expect(
        latest.get('i1')!.map(v => [v.source, v.environment, v.verifiedAt]),
      ).toEqual([
        ['ci', undefined, day(159)],
        ['broker', 'production', day(1)],
        ['nightly', undefined, day(0)],
      ]);
      expect(latest.get('i2')!.map(v => v.verifiedAt)).toEqual([day(5)]);
      expect(latest.has('i3')).toBe(false);
    });

    it('records a verification reported by concurrent writers once', async () => {
      const store = await createStore();
      const verification = (environment?: string) => ({
        source: 'ci',
        result: 'passed' as const,
        providerVersion: '1.0.0',
        verifiedAt: '2026-11-01T10:00:00.000Z',
        environment,
      });
      const added = await Promise.all(
        [undefined, undefined, undefined, 'production', 'production'].map(
          environment =>
            store.addVerification('i1', verification(environment), new Date()),
        ),
      );
      expect(added.filter(Boolean)).toHaveLength(2);
      const knex = (store as unknown as { db: import('knex').Knex }).db;
      const [{ n }] = await knex('contract_verifications').count({ n: '*' });
      expect(Number(n)).toBe(2);
    });
  },
);
