import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createStores } from '../database/createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const doc = (name: string) => ({
  name,
  format: 'wiremock' as const,
  content: {
    request: { method: 'GET', url: `/${name}` },
    response: { status: 200 },
  },
  madeFromVersion: '1.0.0',
});

describe.each(databases.eachSupportedId())(
  'mock evidence on %s',
  databaseId => {
    async function createMockStores() {
      const knex = await databases.init(databaseId);
      const stores = await createStores(mockServices.database({ knex }));
      return { mocks: stores.mockStore, sources: stores.sourceStore };
    }

    it("replaces a source's mocks per integration, and all of them when the source answered in full", async () => {
      const { mocks } = await createMockStores();
      const collectedAt = new Date('2026-11-20T00:00:00Z');
      await mocks.replaceMocks(
        'files',
        [
          { integrationId: 'a', documents: [doc('one'), doc('two')] },
          { integrationId: 'b', documents: [doc('three')] },
        ],
        { removeOthers: true, collectedAt },
      );
      await mocks.replaceMocks(
        'ci',
        [{ integrationId: 'a', documents: [doc('pushed')] }],
        {
          removeOthers: false,
          collectedAt,
        },
      );

      // A partial answer replaces only what it names.
      await mocks.replaceMocks(
        'files',
        [{ integrationId: 'a', documents: [doc('one')] }],
        {
          removeOthers: false,
          collectedAt,
        },
      );
      expect(
        (await mocks.listMocks('a'))
          .map(m => `${m.source}:${m.document.name}`)
          .sort(),
      ).toEqual(['ci:pushed', 'files:one']);
      expect(await mocks.listMocks('b')).toHaveLength(1);

      // A full answer without b removes b's mocks from that source only.
      await mocks.replaceMocks(
        'files',
        [{ integrationId: 'a', documents: [doc('one')] }],
        {
          removeOthers: true,
          collectedAt,
        },
      );
      expect(await mocks.listMocks('b')).toEqual([]);
      expect((await mocks.integrationIdsWithMocks()).sort()).toEqual(['a']);
      expect((await mocks.listMocks('a'))[1].document).toEqual(doc('one'));
    });

    it('leaves documents that did not change as they are, and replaces the set of an integration when any of its documents changed', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createStores(mockServices.database({ knex }));
      const collectedAt = new Date('2026-11-20T00:00:00Z');
      const answer = (b: ReturnType<typeof doc>) => [
        { integrationId: 'a', documents: [doc('one'), doc('two')] },
        { integrationId: 'b', documents: [b] },
      ];
      const rows = () =>
        knex('mock_documents')
          .orderBy('id')
          .select('id', 'integration_id', 'name', 'content_hash');
      await stores.mockStore.replaceMocks('files', answer(doc('three')), {
        removeOthers: true,
        collectedAt,
      });
      const first = await rows();
      expect(first.every(r => /^[0-9a-f]{64}$/.test(r.content_hash))).toBe(
        true,
      );
      // The same answer again writes nothing.
      await stores.mockStore.replaceMocks('files', answer(doc('three')), {
        removeOthers: true,
        collectedAt,
      });
      expect(await rows()).toEqual(first);
      // b's document now says something else: only b's rows are new.
      const edited = {
        ...doc('three'),
        content: { ...doc('three').content, response: { status: 201 } },
      };
      await stores.mockStore.replaceMocks('files', answer(edited), {
        removeOthers: true,
        collectedAt,
      });
      const second = await rows();
      expect(second.filter(r => r.integration_id === 'a')).toEqual(
        first.filter(r => r.integration_id === 'a'),
      );
      const [b] = second.filter(r => r.integration_id === 'b');
      expect(b.id).not.toBe(first.find(r => r.integration_id === 'b').id);
      expect((await stores.mockStore.listMocks('b'))[0].document).toEqual(
        edited,
      );
      // A document stored before hashes were (none) is replaced once.
      await knex('mock_documents')
        .where('integration_id', 'a')
        .update({ content_hash: null });
      await stores.mockStore.replaceMocks('files', answer(edited), {
        removeOthers: true,
        collectedAt,
      });
      expect(
        (await rows()).filter(r => r.integration_id === 'a').map(r => r.name),
      ).toEqual(['one', 'two']);
      expect(
        (await rows()).every(r => /^[0-9a-f]{64}$/.test(r.content_hash)),
      ).toBe(true);
    });

    it("leaves one set of a source's mocks when replacements run at once", async () => {
      const { mocks } = await createMockStores();
      const collectedAt = new Date('2026-11-20T00:00:00Z');
      await mocks.replaceMocks(
        'files',
        [{ integrationId: 'a', documents: [doc('old')] }],
        { removeOthers: true, collectedAt },
      );
      await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          mocks.replaceMocks(
            'files',
            [{ integrationId: 'a', documents: [doc(`one`), doc(`two`)] }],
            { removeOthers: i % 2 === 0, collectedAt },
          ),
        ),
      );
      expect(
        (await mocks.listMocks('a')).map(m => m.document.name).sort(),
      ).toEqual(['one', 'two']);
    });

    it('marks a source stale after a failed attempt and fresh again after a good one', async () => {
      const { sources } = await createMockStores();
      await sources.recordAttempt('broker', new Date('2026-11-20T00:00:00Z'));
      await sources.recordAttempt(
        'broker',
        new Date('2026-11-21T00:00:00Z'),
        'HTTP 500',
      );
      expect(await sources.listSources()).toEqual([
        {
          source: 'broker',
          lastAttemptAt: '2026-11-21T00:00:00.000Z',
          lastSuccessAt: '2026-11-20T00:00:00.000Z',
          lastError: 'HTTP 500',
          stale: true,
        },
      ]);
      await sources.recordAttempt('broker', new Date('2026-11-22T00:00:00Z'));
      expect((await sources.listSources())[0]).toEqual({
        source: 'broker',
        lastAttemptAt: '2026-11-22T00:00:00.000Z',
        lastSuccessAt: '2026-11-22T00:00:00.000Z',
        stale: false,
      });
    });
  },
);
