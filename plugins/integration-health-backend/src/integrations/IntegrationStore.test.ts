import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ObservedIntegration } from './IntegrationStore';
import { createStores } from '../database/createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

function observed(
  consumer: string,
  provider: string,
  extra: Partial<ObservedIntegration> = {},
): ObservedIntegration {
  return {
    consumerRef: `component:default/${consumer}`,
    providerRef: `component:default/${provider}`,
    apiRef: `api:default/${provider}-api`,
    kind: 'http',
    sources: ['consumesApi', 'providesApi'],
    consumerOwnerRef: 'group:default/payments',
    providerOwnerRef: 'group:default/platform',
    findings: [],
    ...extra,
  };
}

async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const store = (await createStores(mockServices.database({ knex })))
    .integrationStore;
  return { knex, store };
}

describe.each(databases.eachSupportedId())(
  'DatabaseIntegrationStore on %s',
  databaseId => {
    it("lists a whole organisation's integrations by owner, more than the database binds in one statement (SQLite 32,766), with their assignments", async () => {
      const { store } = await createStore(databaseId);
      const all = Array.from({ length: 33_000 }, (_, i) =>
        observed(`consumer-${i}`, `provider-${i % 100}`),
      );
      await store.replaceIntegrations(all, new Date('2026-11-20T10:00:00Z'));
      const [last] = await store.listTouching([
        'component:default/consumer-32999',
      ]);
      await store.addOwnerAssignment(
        {
          integrationId: last.id,
          ownerRef: 'group:default/qa',
          assignedBy: 'user:default/mei',
        },
        new Date('2026-11-21T10:00:00Z'),
      );

      const listed = await store.listByOwners(['group:default/platform']);
      expect(listed).toHaveLength(33_000);
      expect(listed.find(i => i.id === last.id)?.accountableOwnerRef).toBe(
        'group:default/qa',
      );
    });

    it('stores the observed integrations and lists them by direction', async () => {
      const { store } = await createStore(databaseId);
      const seenAt = new Date('2026-11-20T10:00:00.000Z');

      const result = await store.replaceIntegrations(
        [
          observed('intake', 'validation', {
            accountableOwnerRef: 'group:default/payments',
            accountableOwnerSource: 'consumer-annotation',
          }),
          observed('processing', 'intake', {
            apiRef: undefined,
            kind: 'other',
            sources: ['dependsOn'],
            findings: [
              {
                id: 'accountable-owner-missing',
                level: 'error',
                message: 'Nobody',
              },
            ],
          }),
        ],
        seenAt,
      );

      expect(result).toEqual({ total: 2, added: 2, gone: 0 });
      const intake = await store.listForEntity('component:default/intake');
      expect(intake.upstream).toEqual([
        {
          id: expect.stringMatching(/^[0-9a-f]{64}$/),
          consumerRef: 'component:default/intake',
          providerRef: 'component:default/validation',
          apiRef: 'api:default/validation-api',
          kind: 'http',
          sources: ['consumesApi', 'providesApi'],
          consumerOwnerRef: 'group:default/payments',
          providerOwnerRef: 'group:default/platform',
          accountableOwnerRef: 'group:default/payments',
          accountableOwnerSource: 'consumer-annotation',
          findings: [],
          firstSeenAt: '2026-11-20T10:00:00.000Z',
          lastSeenAt: '2026-11-20T10:00:00.000Z',
        },
      ]);
      expect(intake.downstream).toEqual([
        expect.objectContaining({
          consumerRef: 'component:default/processing',
          apiRef: undefined,
          accountableOwnerRef: undefined,
          findings: [
            {
              id: 'accountable-owner-missing',
              level: 'error',
              message: 'Nobody',
            },
          ],
        }),
      ]);
      const api = await store.listForEntity('api:default/validation-api');
      expect(api.downstream.map(i => i.consumerRef)).toEqual([
        'component:default/intake',
      ]);
    });

    it('updates known integrations, keeps their first-seen date, and marks vanished ones gone without deleting them', async () => {
      const { knex, store } = await createStore(databaseId);
      const first = new Date('2026-11-20T10:00:00.000Z');
      const second = new Date('2026-11-20T10:30:00.000Z');
      await store.replaceIntegrations(
        [observed('intake', 'validation'), observed('intake', 'ledger')],
        first,
      );

      const result = await store.replaceIntegrations(
        [
          observed('intake', 'validation', {
            accountableOwnerRef: 'group:default/platform',
            accountableOwnerSource: 'provider-annotation',
          }),
        ],
        second,
      );

      expect(result).toEqual({ total: 1, added: 0, gone: 1 });
      const { upstream } = await store.listForEntity(
        'component:default/intake',
      );
      expect(upstream).toEqual([
        expect.objectContaining({
          providerRef: 'component:default/validation',
          accountableOwnerRef: 'group:default/platform',
          firstSeenAt: first.toISOString(),
          lastSeenAt: second.toISOString(),
        }),
      ]);
      const rows = await knex('integrations').where({
        provider_ref: 'component:default/ledger',
      });
      expect(rows).toHaveLength(1);
      expect(new Date(rows[0].gone_at).toISOString()).toBe(
        second.toISOString(),
      );

      // It comes back: no longer gone, first-seen kept.
      await store.replaceIntegrations(
        [observed('intake', 'validation'), observed('intake', 'ledger')],
        new Date('2026-11-20T11:00:00.000Z'),
      );
      const again = await store.listForEntity('component:default/intake');
      expect(again.upstream.map(i => [i.providerRef, i.firstSeenAt])).toEqual([
        ['component:default/ledger', first.toISOString()],
        ['component:default/validation', first.toISOString()],
      ]);
    });

    it('writes all or nothing: a rejected batch leaves the stored integrations as they were', async () => {
      const { store } = await createStore(databaseId);
      await store.replaceIntegrations(
        [observed('intake', 'validation')],
        new Date('2026-11-20T10:00:00.000Z'),
      );

      await expect(
        store.replaceIntegrations(
          [observed('intake', 'ledger'), observed('intake', 'ledger')],
          new Date('2026-11-20T10:30:00.000Z'),
        ),
      ).rejects.toThrow('same integration twice');

      const { upstream } = await store.listForEntity(
        'component:default/intake',
      );
      expect(upstream.map(i => i.providerRef)).toEqual([
        'component:default/validation',
      ]);
    });

    it('writes thousands of integrations in one replace', async () => {
      const { store } = await createStore(databaseId);
      const many = Array.from({ length: 2500 }, (_, n) =>
        observed(`c${n}`, 'hub'),
      );
      const result = await store.replaceIntegrations(many, new Date());
      expect(result).toEqual({ total: 2500, added: 2500, gone: 0 });
      const hub = await store.listForEntity('component:default/hub');
      expect(hub.downstream).toHaveLength(2500);

      // Nothing changed: nothing added or gone, every row seen again.
      const later = new Date(Date.now() + 60_000);
      expect(await store.replaceIntegrations(many, later)).toEqual({
        total: 2500,
        added: 0,
        gone: 0,
      });
      const again = await store.listForEntity('component:default/hub');
      expect(
        again.downstream.every(i => i.lastSeenAt === later.toISOString()),
      ).toBe(true);
    });

    it('writes no integration row when a replace finds nothing new, knows when a gone one was last seen, and sees what another replica wrote', async () => {
      const { knex, store } = await createStore(databaseId);
      const first = new Date('2026-11-20T10:00:00.000Z');
      const second = new Date('2026-11-20T10:30:00.000Z');
      const third = new Date('2026-11-20T11:00:00.000Z');
      const two = [
        observed('intake', 'validation'),
        observed('ledger', 'intake'),
      ];
      await store.replaceIntegrations(two, first);
      const storedSeen = async () =>
        (await knex('integrations').orderBy('consumer_ref')).map(r =>
          new Date(r.last_seen_at).toISOString(),
        );

      // Nothing new: the rows stay as they are, yet read as seen now.
      await store.replaceIntegrations(two, second);
      expect(await storedSeen()).toEqual([
        first.toISOString(),
        first.toISOString(),
      ]);
      expect(
        (await store.listTouching(['component:default/intake'])).map(
          i => i.lastSeenAt,
        ),
      ).toEqual([second.toISOString(), second.toISOString()]);

      // Gone at the third: last seen by the second.
      await store.replaceIntegrations([two[0]], third);
      const [gone] = await store.getByIds(
        (await knex('integrations').whereNotNull('gone_at')).map(r => r.id),
      );
      expect(gone.consumerRef).toBe('component:default/ledger');
      expect(gone.lastSeenAt).toBe(second.toISOString());

      // Another replica (its own store on the same database) changes the
      // owner; this one, replacing with what it observed, writes it back.
      const replica = (await createStores(mockServices.database({ knex })))
        .integrationStore;
      await replica.replaceIntegrations(
        [
          observed('intake', 'validation', {
            providerOwnerRef: 'group:default/qa',
          }),
        ],
        third,
      );
      await store.replaceIntegrations([two[0]], third);
      const [current] = await store.listTouching(['component:default/intake']);
      expect(current.providerOwnerRef).toBe('group:default/platform');
    });

    it('lets an assigned owner replace the declared one until it is cleared, keeping every assignment', async () => {
      const { store } = await createStore(databaseId);
      await store.replaceIntegrations(
        [
          observed('intake', 'validation', {
            findings: [
              {
                id: 'accountable-owner-missing',
                level: 'error',
                message: 'Nobody is accountable',
              },
            ],
          }),
        ],
        new Date('2026-11-20T10:00:00.000Z'),
      );
      const [integration] = (
        await store.listForEntity('component:default/intake')
      ).upstream;

      await store.addOwnerAssignment(
        {
          integrationId: integration.id,
          ownerRef: 'group:default/platform',
          assignedBy: 'user:default/diego',
          note: 'Platform runs the gateway',
        },
        new Date('2026-11-21T09:00:00.000Z'),
      );
      const [assigned] = await store.getByIds([integration.id, 'unknown']);
      expect(assigned).toMatchObject({
        accountableOwnerRef: 'group:default/platform',
        accountableOwnerSource: 'assigned',
        accountableOwnerAssignment: {
          assignedBy: 'user:default/diego',
          assignedAt: '2026-11-21T09:00:00.000Z',
          note: 'Platform runs the gateway',
        },
        findings: [],
      });

      // A later sync rewrites the declared columns; the assignment still wins.
      await store.replaceIntegrations(
        [observed('intake', 'validation', { findings: [] })],
        new Date('2026-11-21T10:00:00.000Z'),
      );
      const [afterSync] = await store.listNeighbours(
        ['component:default/validation'],
        'downstream',
      );
      expect(afterSync.accountableOwnerRef).toBe('group:default/platform');
      expect(await store.assignedOwnerIds()).toEqual(new Set([integration.id]));

      await store.addOwnerAssignment(
        { integrationId: integration.id, assignedBy: 'user:default/amara' },
        new Date('2026-11-21T11:00:00.000Z'),
      );
      const [cleared] = await store.getByIds([integration.id]);
      expect(cleared.accountableOwnerRef).toBeUndefined();
      expect(await store.assignedOwnerIds()).toEqual(new Set());
      expect(cleared.accountableOwnerAssignment).toBeUndefined();

      const history = await store.listOwnerAssignments(integration.id);
      expect(history.map(h => [h.ownerRef, h.assignedBy])).toEqual([
        [undefined, 'user:default/amara'],
        ['group:default/platform', 'user:default/diego'],
      ]);
    });

    it('records one clear when several clear the same assignment at once', async () => {
      const { store } = await createStore(databaseId);
      await store.replaceIntegrations(
        [observed('intake', 'validation')],
        new Date('2026-11-20T10:00:00.000Z'),
      );
      const [integration] = (
        await store.listForEntity('component:default/intake')
      ).upstream;
      expect(
        await store.addOwnerAssignment(
          {
            integrationId: integration.id,
            ownerRef: 'group:default/platform',
            assignedBy: 'user:default/diego',
          },
          new Date('2026-11-21T09:00:00.000Z'),
        ),
      ).toBe(true);

      const cleared = await Promise.all(
        ['amara', 'diego', 'lena', 'tomas'].map(name =>
          store.addOwnerAssignment(
            {
              integrationId: integration.id,
              assignedBy: `user:default/${name}`,
            },
            new Date('2026-11-21T11:00:00.000Z'),
          ),
        ),
      );
      expect(cleared.filter(Boolean)).toHaveLength(1);
      const history = await store.listOwnerAssignments(integration.id);
      expect(history.map(h => h.ownerRef)).toEqual([
        undefined,
        'group:default/platform',
      ]);
    });
  },
);
