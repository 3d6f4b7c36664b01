import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createStores } from '../database/createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

describe.each(databases.eachSupportedId())(
  'ObservationCountStore on %s',
  databaseId => {
    it('answers the newest counted day, with 0 for subjects that had none, and nothing before the first', async () => {
      const knex = await databases.init(databaseId);
      const store = (await createStores(mockServices.database({ knex })))
        .observationCountStore;
      const team = 'group:default/payments';
      const other = 'group:default/ledger';
      await store.saveDay(
        '2026-11-01',
        new Map([[team, { undeclared: 3, notObserved: 1 }]]),
        { undeclared: 3, notObserved: 1 },
      );
      // Counted again that day: the later count replaces the earlier one.
      await store.saveDay(
        '2026-11-01',
        new Map([[team, { undeclared: 2, notObserved: 1 }]]),
        { undeclared: 2, notObserved: 1 },
      );
      await store.saveDay('2026-11-20', new Map(), {
        undeclared: 0,
        notObserved: 0,
      });

      expect(await store.latestDay([team], '2026-10-31')).toEqual({
        counts: new Map(),
      });
      expect(await store.latestDay([team, other], '2026-11-19')).toEqual({
        day: '2026-11-01',
        counts: new Map([
          [team, { undeclared: 2, notObserved: 1 }],
          [other, { undeclared: 0, notObserved: 0 }],
        ]),
      });
      expect(await store.latestDay([team], '2026-12-01')).toEqual({
        day: '2026-11-20',
        counts: new Map([[team, { undeclared: 0, notObserved: 0 }]]),
      });
    });
  },
);
