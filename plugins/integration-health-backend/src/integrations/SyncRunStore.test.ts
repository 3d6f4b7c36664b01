import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createStores } from '../database/createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const store = (await createStores(mockServices.database({ knex })))
    .syncRunStore;
  return Object.assign(store, { knex });
}

const entityErrors = [
  {
    entityRef: 'component:default/a',
    code: 'relation-target-missing',
    message: 'first',
  },
  {
    entityRef: 'component:default/b',
    code: 'accountable-owner-malformed',
    message: 'second',
  },
];

const counts = {
  entitiesRead: 12,
  integrations: 7,
  integrationsAdded: 7,
  integrationsGone: 0,
  withoutAccountableOwner: 2,
  entityErrors: 1,
};

describe.each(databases.eachSupportedId())(
  'DatabaseSyncRunStore on %s',
  databaseId => {
    it('has no latest run before the first one', async () => {
      const store = await createStore(databaseId);
      await expect(store.getLatestRun()).resolves.toBeUndefined();
    });

    it('records a run with its counts and per-entity errors', async () => {
      const store = await createStore(databaseId);
      const id = await store.startRun(new Date('2026-11-20T10:00:00.000Z'));
      expect(await store.getLatestRun()).toEqual({
        id,
        status: 'running',
        startedAt: '2026-11-20T10:00:00.000Z',
        finishedAt: undefined,
        counts: undefined,
        error: undefined,
        entityErrors: [],
      });

      await store.finishRun(id, {
        status: 'succeeded',
        finishedAt: new Date('2026-11-20T10:00:02.500Z'),
        counts,
        entityErrors,
      });

      expect(await store.getLatestRun()).toEqual({
        id,
        status: 'succeeded',
        startedAt: '2026-11-20T10:00:00.000Z',
        finishedAt: '2026-11-20T10:00:02.500Z',
        counts,
        error: undefined,
        entityErrors,
      });
    });

    it('tells the latest run from the latest successful one', async () => {
      const store = await createStore(databaseId);
      const ok = await store.startRun(new Date('2026-11-20T10:00:00.000Z'));
      await store.finishRun(ok, {
        status: 'succeeded',
        finishedAt: new Date('2026-11-20T10:00:01.000Z'),
        counts,
        entityErrors: [],
      });
      const bad = await store.startRun(new Date('2026-11-20T10:30:00.000Z'));
      await store.finishRun(bad, {
        status: 'failed',
        finishedAt: new Date('2026-11-20T10:30:01.000Z'),
        error: 'catalog down',
        entityErrors: [],
      });

      expect(await store.getLatestRun()).toMatchObject({
        id: bad,
        status: 'failed',
        error: 'catalog down',
      });
      expect(await store.getLatestSucceededRun()).toMatchObject({
        id: ok,
        status: 'succeeded',
        counts,
      });
    });

    it('marks a run cut off by a stopped process as failed when the next one starts', async () => {
      const store = await createStore(databaseId);
      const cutOff = await store.startRun(new Date('2026-11-20T10:00:00.000Z'));
      const next = await store.startRun(new Date('2026-11-20T10:30:00.000Z'));

      expect(await store.getLatestRun()).toMatchObject({
        id: next,
        status: 'running',
      });
      const row = await store.knex('sync_runs').where({ id: cutOff }).first();
      expect(row.status).toBe('failed');
      expect(row.error).toMatch(/Interrupted/);
    });
  },
);
