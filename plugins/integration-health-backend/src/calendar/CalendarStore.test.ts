import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createStores } from '../database/createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const detected = {
  sourceKey: 'v2|',
  apiRef: 'api:default/transaction-events',
  title: 'transaction-events 2.0.0: 1 breaking change',
  changes: [
    {
      ruleId: 'r',
      level: 'breaking' as const,
      location: 'channel a (subscribe)',
      message: 'm',
      fingerprint: 'f',
    },
  ],
  effectiveAt: '2026-11-19T09:00:00.000Z',
};

describe.each(databases.eachSupportedId())(
  'the calendar stores on %s',
  databaseId => {
    async function stores() {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      return {
        calendar: (await createStores(database)).calendarStore,
        tokens: (await createStores(database)).feedTokenStore,
      };
    }

    it("adds a detected entry once, keeps announced entries' history, and the acknowledgement trail in order", async () => {
      const { calendar } = await stores();
      const now = new Date('2026-11-22T10:00:00Z');
      expect(await calendar.addDetected([detected], now)).toHaveLength(1);
      expect(await calendar.addDetected([detected], now)).toEqual([]);

      const announced = await calendar.announce(
        {
          apiRef: 'api:default/account-api',
          title: 'Postings move',
          effectiveAt: '2027-01-15T00:00:00.000Z',
          operations: ['POST /x'],
        },
        'user:default/amara',
        now,
      );
      const moved = await calendar.update(
        announced.id,
        {
          apiRef: 'api:default/account-api',
          title: 'Postings move',
          effectiveAt: '2027-02-01T00:00:00.000Z',
        },
        'user:default/amara',
        new Date('2026-11-23T10:00:00Z'),
      );
      expect(moved).toMatchObject({
        sequence: 1,
        effectiveAt: '2027-02-01T00:00:00.000Z',
        operations: [],
      });
      const cancelled = await calendar.cancel(
        announced.id,
        'user:default/amara',
        new Date('2026-11-24T10:00:00Z'),
      );
      expect(cancelled).toMatchObject({
        sequence: 2,
        cancelledAt: '2026-11-24T10:00:00.000Z',
      });
      expect(
        (await calendar.history(announced.id)).map(h => [
          h.action,
          h.entry.effectiveAt,
        ]),
      ).toEqual([
        ['created', '2027-01-15T00:00:00.000Z'],
        ['updated', '2027-02-01T00:00:00.000Z'],
        ['cancelled', '2027-02-01T00:00:00.000Z'],
      ]);
      expect((await calendar.list()).map(e => e.title)).toEqual([
        detected.title,
      ]);
      expect(await calendar.list({ includeCancelled: true })).toHaveLength(2);
      expect((await calendar.list())[0]).toMatchObject({
        effectiveWhenDetected: true,
        changes: detected.changes,
      });

      const [entry] = await calendar.list();
      const at = (m: number) =>
        new Date(Date.UTC(2026, 10, 22, 11, m)).toISOString();
      await calendar.addAcknowledgement(entry.id, 'component:default/ledger', {
        action: 'acknowledged',
        byRef: 'user:default/mei',
        at: at(0),
        note: 'ok',
      });
      await calendar.addAcknowledgement(entry.id, 'component:default/ledger', {
        action: 'withdrawn',
        byRef: 'user:default/mei',
        at: at(1),
        note: 'slipped',
      });
      const trail = [
        ...(await calendar.acknowledgements([entry.id])).values(),
      ][0];
      expect(trail.map(r => [r.action, r.note])).toEqual([
        ['acknowledged', 'ok'],
        ['withdrawn', 'slipped'],
      ]);

      expect(
        await calendar.markNotified(
          entry.id,
          'component:default/ledger',
          'entry:x',
          now,
        ),
      ).toBe(true);
      expect(
        await calendar.markNotified(
          entry.id,
          'component:default/ledger',
          'entry:x',
          now,
        ),
      ).toBe(false);
    });

    it('keeps feed tokens hashed, one active per user, each until it expires', async () => {
      const { tokens } = await stores();
      const at = (iso: string) => new Date(iso);
      const expires = at('2027-05-21T10:00:00Z');
      const first = await tokens.issue(
        'user:default/mei',
        at('2026-11-22T10:00:00Z'),
        expires,
      );
      expect(await tokens.userOf(first, at('2026-11-22T10:01:00Z'))).toBe(
        'user:default/mei',
      );
      const second = await tokens.issue(
        'user:default/mei',
        at('2026-11-22T11:00:00Z'),
        expires,
      );
      expect(
        await tokens.userOf(first, at('2026-11-22T11:01:00Z')),
      ).toBeUndefined();
      expect(await tokens.active('user:default/mei')).toEqual({
        createdAt: '2026-11-22T11:00:00.000Z',
        expiresAt: '2027-05-21T10:00:00.000Z',
      });
      // After its expiry the token opens nothing.
      expect(await tokens.userOf(second, expires)).toBeUndefined();
      expect(await tokens.revoke('user:default/mei', new Date())).toBe(1);
      expect(
        await tokens.userOf(second, at('2026-11-22T11:01:00Z')),
      ).toBeUndefined();
    });

    it('leaves one active token when the same user issues two at once', async () => {
      const { tokens } = await stores();
      const now = new Date('2026-11-22T10:00:00Z');
      const later = new Date('2027-05-21T10:00:00Z');
      const issued = await Promise.all(
        Array.from({ length: 5 }, () =>
          tokens.issue('user:default/amara', now, later),
        ),
      );
      const working = [];
      for (const token of issued) {
        if (await tokens.userOf(token, now)) working.push(token);
      }
      expect(working).toHaveLength(1);
    });
  },
);
