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
