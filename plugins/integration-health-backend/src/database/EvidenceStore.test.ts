import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ScoreExplanation } from '@integration-health/plugin-integration-health-common';
import { DatabaseEvidenceStore } from './EvidenceStore';

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
  'DatabaseEvidenceStore on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return DatabaseEvidenceStore.create({
        database: mockServices.database({ knex }),
      });
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
