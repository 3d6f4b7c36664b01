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
      await calendar.addAcknowledgement(
        entry.id,
        'component:default/ledger',
        {
          action: 'acknowledged',
          byRef: 'user:default/mei',
          at: at(0),
          note: 'ok',
          scopeRevision: 0,
        },
        0,
      );
      await calendar.addAcknowledgement(
        entry.id,
        'component:default/ledger',
        {
          action: 'withdrawn',
          byRef: 'user:default/mei',
          at: at(1),
          note: 'slipped',
          scopeRevision: 0,
        },
        1,
      );
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

    it('raises the scope revision when an entry moves earlier or changes what it touches, not when it moves later or is reworded', async () => {
      const { calendar } = await stores();
      const announcement = {
        apiRef: 'api:default/account-api',
        title: 'Postings move',
        description: 'Use /v2/postings',
        effectiveAt: '2027-01-15T00:00:00.000Z',
        operations: ['POST /postings', 'GET /postings'],
        changes: detected.changes,
      };
      const by = 'user:default/amara';
      const day = (d: number) => new Date(Date.UTC(2026, 10, d));
      const entry = await calendar.announce(announcement, by, day(20));
      expect(entry.scopeRevision).toBe(0);
      const edit = async (change: object, d: number) =>
        (
          await calendar.update(
            entry.id,
            { ...announcement, ...change },
            by,
            day(d),
          )
        ).scopeRevision;

      expect(await edit({ effectiveAt: '2027-02-01T00:00:00.000Z' }, 21)).toBe(
        0,
      );
      expect(
        await edit(
          {
            effectiveAt: '2027-02-01T00:00:00.000Z',
            description: 'Reworded',
            title: 'Postings move to v2',
            // The same operations in another order, the same change reworded.
            operations: ['GET /postings', 'POST /postings'],
            changes: [{ ...detected.changes[0], message: 'reworded' }],
          },
          22,
        ),
      ).toBe(0);
      expect(await edit({ effectiveAt: '2027-01-10T00:00:00.000Z' }, 23)).toBe(
        1,
      );
      expect(
        await edit(
          {
            effectiveAt: '2027-01-10T00:00:00.000Z',
            operations: ['POST /postings'],
          },
          24,
        ),
      ).toBe(2);
      expect(
        await edit(
          {
            effectiveAt: '2027-01-10T00:00:00.000Z',
            operations: ['POST /postings'],
            changes: [{ ...detected.changes[0], fingerprint: 'other' }],
          },
          25,
        ),
      ).toBe(3);
      expect((await calendar.get(entry.id))?.scopeRevision).toBe(3);
      expect(
        (await calendar.history(entry.id)).map(h => h.entry.scopeRevision),
      ).toEqual([0, 0, 0, 1, 2, 3]);
    });

    it("records one of two acknowledgements written at once for the same step of a revision, and keeps each revision's trail", async () => {
      const { calendar } = await stores();
      const [entry] = await calendar.addDetected(
        [{ ...detected, sourceKey: 'v3|' }],
        new Date('2026-11-22T10:00:00Z'),
      );
      const ack = (note: string, scopeRevision: number) => ({
        action: 'acknowledged' as const,
        byRef: 'user:default/mei',
        at: '2026-11-22T11:00:00.000Z',
        note,
        scopeRevision,
      });
      const ledger = 'component:default/ledger';
      const written = await Promise.all(
        ['a', 'b', 'c', 'd'].map(note =>
          calendar.addAcknowledgement(entry.id, ledger, ack(note, 0), 0),
        ),
      );
      expect(written.filter(Boolean)).toHaveLength(1);
      // The same step at the next revision is another record.
      expect(
        await calendar.addAcknowledgement(entry.id, ledger, ack('again', 1), 0),
      ).toBe(true);
      const trail = (await calendar.acknowledgements([entry.id])).get(
        `${entry.id}\u0000${ledger}`,
      )!;
      expect(trail.map(r => [r.scopeRevision, r.note])).toEqual([
        [0, expect.stringMatching(/^[abcd]$/)],
        [1, 'again'],
      ]);
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
