import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ScoreExplanation } from '@integration-health/plugin-integration-health-common';
import { createStores } from '../../database/createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const score = (value?: number): ScoreExplanation => ({
  value,
  tier: value === undefined ? 'no-evidence' : 'verified-in-production',
  summary: 'test',
  inputs: { verifications: 1 },
  adjustments: [],
  evidence: [],
});

describe.each(databases.eachSupportedId())(
  'DatabaseScoreStore on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return (await createStores(mockServices.database({ knex }))).scoreStore;
    }

    it('stores the current scores and one snapshot per day, the day keeping its latest values', async () => {
      const store = await createStore();
      await store.saveScores(
        'i1',
        { contract: score(80), mock: score() },
        new Date('2026-11-20T08:00:00.000Z'),
      );
      await store.saveScores(
        'i1',
        { contract: score(50), mock: score() },
        new Date('2026-11-20T20:00:00.000Z'),
      );
      await store.saveScores(
        'i1',
        { contract: score(10), mock: score(60) },
        new Date('2026-11-21T08:00:00.000Z'),
      );

      const current = await store.getScores(['i1', 'unknown']);
      expect([...current.keys()]).toEqual(['i1']);
      expect(current.get('i1')).toMatchObject({
        contract: { value: 10 },
        mock: { value: 60 },
        computedAt: '2026-11-21T08:00:00.000Z',
      });
      expect(await store.listSnapshots('i1', '2026-11-01')).toEqual([
        { day: '2026-11-20', contract: 50, mock: undefined },
        { day: '2026-11-21', contract: 10, mock: 60 },
      ]);
      expect(await store.listSnapshots('i1', '2026-11-21')).toHaveLength(1);
    });
  },
);
