import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createStores } from '../database/createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

describe.each(databases.eachSupportedId())(
  'DatabaseRollupStore on %s',
  databaseId => {
    it('keeps one row per day and subject, writes only what changed, and answers a window oldest first', async () => {
      const knex = await databases.init(databaseId);
      const store = (await createStores(mockServices.database({ knex })))
        .rollupStore;
      const team = {
        subjectRef: 'group:default/ledger',
        integrations: 3,
        withEvidence: 1,
        withoutAccountableOwner: 2,
        asProvider: 2,
        asConsumer: 1,
      };
      expect(
        await store.saveDay('2026-11-20', [{ ...team, contract: 40 }]),
      ).toEqual({ written: 1 });
      expect(
        await store.saveDay('2026-11-21', [
          { ...team, contract: 55, mock: 10 },
          { ...team, subjectRef: 'domain:default/money' },
        ]),
      ).toEqual({ written: 2 });
      // A second run the same day with the same numbers writes nothing; a change overwrites the day.
      expect(
        await store.saveDay('2026-11-21', [
          { ...team, contract: 55, mock: 10 },
        ]),
      ).toEqual({ written: 0 });
      expect(
        await store.saveDay('2026-11-21', [
          { ...team, contract: 60, mock: 10 },
        ]),
      ).toEqual({ written: 1 });

      expect(
        await store.listDays('group:default/ledger', '2026-11-01'),
      ).toEqual([
        {
          day: '2026-11-20',
          contract: 40,
          mock: undefined,
          integrations: 3,
          withEvidence: 1,
          withoutAccountableOwner: 2,
        },
        {
          day: '2026-11-21',
          contract: 60,
          mock: 10,
          integrations: 3,
          withEvidence: 1,
          withoutAccountableOwner: 2,
        },
      ]);
      expect(
        await store.listDays('group:default/ledger', '2026-11-21'),
      ).toHaveLength(1);

      // The scorecard reads one kind of subject on the newest day up to a date.
      const teams = await store.latestDay(['group'], '2026-11-30');
      expect(teams.day).toBe('2026-11-21');
      expect([...teams.rollups.values()]).toEqual([
        { ...team, contract: 60, mock: 10 },
      ]);
      expect(
        (await store.latestDay(['group'], '2026-11-20')).rollups.get(
          'group:default/ledger',
        )?.contract,
      ).toBe(40);
      expect(
        (await store.latestDay(['group'], '2026-11-01')).day,
      ).toBeUndefined();
    });
  },
);
