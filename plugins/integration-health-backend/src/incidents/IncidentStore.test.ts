import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createStores } from '../database/createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const input = (title: string, occurredAt: string) => ({
  title,
  occurredAt,
  impact: {
    durationMinutes: 95,
    affectedTransactions: 1200,
    money: { amount: 48200.5, currency: 'EUR' },
    description: 'Card payments were not booked',
  },
  trigger: { apiRef: 'api:default/transaction-events', specVersion: '2.0.0' },
  outOfSync: {
    kind: 'mock' as const,
    description: 'the pact still sends accountId',
    url: 'https://ci.example.com/pacts/42',
  },
  postmortemUrls: ['https://wiki.example.com/pm/7'],
});

describe.each(databases.eachSupportedId())('incidents on %s', databaseId => {
  async function createStore() {
    const knex = await databases.init(databaseId);
    return (await createStores(mockServices.database({ knex }))).incidentStore;
  }

  it('keeps what was recorded, with every part of the impact, and an edit keeps who recorded it first', async () => {
    const store = await createStore();
    const at = new Date('2026-11-20T10:00:00Z');
    const added = await store.add(
      {
        id: '0b7f1c2e-0000-4000-8000-000000000001',
        integrationId: 'i1',
        ...input('Payments not booked', '2026-11-19T08:15:00Z'),
      },
      'user:default/mei',
      at,
    );
    expect(added).toEqual({
      id: '0b7f1c2e-0000-4000-8000-000000000001',
      integrationId: 'i1',
      ...input('Payments not booked', '2026-11-19T08:15:00.000Z'),
      resolvedAt: undefined,
      recordedBy: 'user:default/mei',
      recordedAt: at.toISOString(),
      updatedBy: 'user:default/mei',
      updatedAt: at.toISOString(),
    });

    const later = new Date('2026-11-21T09:00:00Z');
    const edited = await store.update(
      added.id,
      {
        ...input('Payments not booked for 95 minutes', added.occurredAt),
        resolvedAt: '2026-11-19T09:50:00Z',
        trigger: undefined,
      },
      'user:default/ava',
      later,
    );
    expect(edited).toMatchObject({
      title: 'Payments not booked for 95 minutes',
      resolvedAt: '2026-11-19T09:50:00.000Z',
      trigger: undefined,
      recordedBy: 'user:default/mei',
      recordedAt: at.toISOString(),
      updatedBy: 'user:default/ava',
      updatedAt: later.toISOString(),
    });
    expect(
      await store.update(
        '0b7f1c2e-0000-4000-8000-00000000ffff',
        input('x', added.occurredAt),
        'user:default/ava',
        later,
      ),
    ).toBeUndefined();
  });

  it('keeps every edit with who, when and each field it changed, before and after; an edit that changes nothing is not one', async () => {
    const store = await createStore();
    const id = '0b7f1c2e-0000-4000-8000-000000000009';
    const recorded = input('Payments not booked', '2026-11-19T08:15:00Z');
    await store.add(
      { id, integrationId: 'i1', ...recorded },
      'user:default/mei',
      new Date('2026-11-20T10:00:00Z'),
    );
    expect(await store.edits(id)).toEqual([]);

    await store.update(
      id,
      {
        ...recorded,
        title: 'Payments not booked for 95 minutes',
        resolvedAt: '2026-11-19T09:50:00Z',
      },
      'user:default/ava',
      new Date('2026-11-21T09:00:00Z'),
    );
    // The same again, with the keys in another order: nothing changed.
    await store.update(
      id,
      {
        ...recorded,
        impact: { ...recorded.impact },
        title: 'Payments not booked for 95 minutes',
        resolvedAt: '2026-11-19T09:50:00.000Z',
      },
      'user:default/ava',
      new Date('2026-11-21T09:30:00Z'),
    );
    await store.update(
      id,
      {
        ...recorded,
        title: 'Payments not booked for 95 minutes',
        resolvedAt: '2026-11-19T09:50:00Z',
        impact: { ...recorded.impact, affectedTransactions: 1350 },
        trigger: undefined,
      },
      'user:default/mei',
      new Date('2026-11-22T08:00:00Z'),
    );

    expect(await store.edits(id)).toEqual([
      {
        editedBy: 'user:default/ava',
        editedAt: '2026-11-21T09:00:00.000Z',
        changes: [
          {
            field: 'title',
            before: 'Payments not booked',
            after: 'Payments not booked for 95 minutes',
          },
          { field: 'resolvedAt', after: '2026-11-19T09:50:00.000Z' },
        ],
      },
      {
        editedBy: 'user:default/mei',
        editedAt: '2026-11-22T08:00:00.000Z',
        changes: [
          {
            field: 'impact',
            before: recorded.impact,
            after: { ...recorded.impact, affectedTransactions: 1350 },
          },
          { field: 'trigger', before: recorded.trigger },
        ],
      },
    ]);
    expect(await store.editCounts([id, 'no-such-incident'])).toEqual(
      new Map([[id, 2]]),
    );
    expect((await store.get(id))?.updatedBy).toBe('user:default/mei');
  });

  it('lists by integration and by start, newest first', async () => {
    const store = await createStore();
    const at = new Date('2026-11-21T00:00:00Z');
    const add = (n: number, integrationId: string, occurredAt: string) =>
      store.add(
        {
          id: `0b7f1c2e-0000-4000-8000-00000000000${n}`,
          integrationId,
          ...input(`incident ${n}`, occurredAt),
        },
        'user:default/mei',
        at,
      );
    await add(1, 'i1', '2026-08-01T00:00:00Z');
    await add(2, 'i1', '2026-11-01T00:00:00Z');
    await add(3, 'i2', '2026-10-15T00:00:00Z');
    await add(4, 'i3', '2026-11-10T00:00:00Z');

    expect(
      (await store.listForIntegrations(['i1', 'i2'])).map(i => i.title),
    ).toEqual(['incident 2', 'incident 3', 'incident 1']);
    expect(
      (await store.listSince(new Date('2026-10-15T00:00:00Z'))).map(
        i => i.title,
      ),
    ).toEqual(['incident 4', 'incident 2', 'incident 3']);
    expect(await store.listForIntegrations([])).toEqual([]);
  });
});
