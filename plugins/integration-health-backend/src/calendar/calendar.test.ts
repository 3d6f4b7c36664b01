import { TestBackend } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import {
  API_RESOURCE_TYPE,
  breakingChangeAcknowledgePermission,
  INTEGRATION_RESOURCE_TYPE,
} from '@integration-health/plugin-integration-health-common';
import ICAL from 'ical.js';
import request from 'supertest';
import { startPolicyBackend, user } from '../__testUtils__/permissionHarness';
import {
  apiConditions,
  createApiConditionalDecision,
  createIntegrationConditionalDecision,
  integrationConditions,
} from '../permissions/conditions';

jest.setTimeout(30_000);

/** The README's policy: consumers' owners acknowledge, providers' owners announce. */
const calendarPolicy: PermissionPolicy['handle'] = async (req, who) => {
  const claims = who?.info.ownershipEntityRefs ?? [];
  if (
    isResourcePermission(req.permission, INTEGRATION_RESOURCE_TYPE) &&
    isPermission(req.permission, breakingChangeAcknowledgePermission)
  ) {
    return createIntegrationConditionalDecision(
      req.permission,
      integrationConditions.isConsumerOwner({ claims }),
    );
  }
  if (isResourcePermission(req.permission, API_RESOURCE_TYPE)) {
    return createApiConditionalDecision(
      req.permission,
      apiConditions.isProviderOwner({ claims }),
    );
  }
  return { result: AuthorizeResult.ALLOW };
};

const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString();

describe('the breaking-change calendar, with the permission framework deciding', () => {
  let backend: TestBackend;
  const api = () => request(backend.server);

  beforeAll(async () => {
    ({ backend } = await startPolicyBackend(calendarPolicy, {
      extraEntities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: { name: 'mei', namespace: 'default' },
          spec: {},
          relations: [{ type: 'memberOf', targetRef: 'group:default/ledger' }],
        },
      ],
    }));
  });

  afterAll(() => backend.stop());

  const announcement = {
    apiRef: 'api:default/transaction-events',
    title: 'transactions.booked drops accountId',
    description: 'Consumers read accountRef instead.',
    operations: ['subscribe transactions.booked'],
    effectiveAt: inTwoWeeks,
    migrationUrl: 'https://wiki.example.com/payments/account-ref',
  };

  it("lets only the provider's owners announce, and lists the entry with its consumers pending", async () => {
    const byConsumer = await api()
      .post('/api/integration-health/v1/calendar')
      .set('Authorization', user('mei'))
      .send(announcement);
    expect(byConsumer.status).toBe(403);
    const anonymous = await api()
      .post('/api/integration-health/v1/calendar')
      .send(announcement);
    expect(anonymous.status).toBe(401);
    const bad = await api()
      .post('/api/integration-health/v1/calendar')
      .set('Authorization', user('amara'))
      .send({ ...announcement, effectiveAt: 'next week' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('effectiveAt');

    const created = await api()
      .post('/api/integration-health/v1/calendar')
      .set('Authorization', user('amara'))
      .send(announcement);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      origin: 'announced',
      createdBy: 'user:default/amara',
      sequence: 0,
    });

    const list = await api()
      .get('/api/integration-health/v1/calendar?state=pending')
      .set('Authorization', user('mei'));
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: created.body.id,
        title: 'transactions.booked drops accountId',
        providerOwnerRefs: ['group:default/payments'],
        consumers: [
          expect.objectContaining({
            consumerRef: 'component:default/ledger',
            consumerOwnerRef: 'group:default/ledger',
            state: 'pending',
            canAcknowledge: true,
          }),
        ],
      }),
    ]);
    const forDiego = await api()
      .get(`/api/integration-health/v1/calendar/${created.body.id}`)
      .set('Authorization', user('diego'));
    expect(forDiego.body.consumers[0].canAcknowledge).toBe(false);
    expect(forDiego.body.canManage).toBe(false);
  });

  it("lets the consumer's owners acknowledge once, refuses others, and keeps the trail when it is withdrawn", async () => {
    const [entry] = (
      await api()
        .get('/api/integration-health/v1/calendar')
        .set('Authorization', user('mei'))
    ).body.items;
    const ack = (who: string | undefined, body: object) => {
      const req = api().post(
        `/api/integration-health/v1/calendar/${entry.id}/acknowledgements`,
      );
      return (who ? req.set('Authorization', user(who)) : req).send(body);
    };
    const consumerRef = 'component:default/ledger';

    expect((await ack('diego', { consumerRef })).status).toBe(403);
    expect((await ack('amara', { consumerRef })).status).toBe(403);
    expect((await ack(undefined, { consumerRef })).status).toBe(401);
    expect(
      (await ack('mei', { consumerRef: 'component:default/gateway' })).status,
    ).toBe(404);

    const first = await ack('mei', {
      consumerRef,
      note: 'Reading accountRef from 9.8.0',
    });
    expect(first.status).toBe(200);
    expect(first.body.consumers[0]).toMatchObject({
      state: 'acknowledged',
      acknowledgement: {
        action: 'acknowledged',
        byRef: 'user:default/mei',
        note: 'Reading accountRef from 9.8.0',
      },
    });
    // Twice is harmless: the first acknowledgement stands.
    const again = await ack('mei', { consumerRef, note: 'again' });
    expect(again.body.consumers[0].acknowledgement.note).toBe(
      'Reading accountRef from 9.8.0',
    );

    const noReason = await ack('mei', { consumerRef, action: 'withdrawn' });
    expect(noReason.status).toBe(400);
    const withdrawn = await ack('mei', {
      consumerRef,
      action: 'withdrawn',
      note: 'The release slipped',
    });
    expect(withdrawn.body.consumers[0]).toMatchObject({ state: 'pending' });
    expect(withdrawn.body.consumers[0].acknowledgement).toBeUndefined();
  });

  it("lets the provider's owners move the date (history kept, sequence up) and cancel; detected entries stay as found", async () => {
    const [entry] = (
      await api()
        .get('/api/integration-health/v1/calendar')
        .set('Authorization', user('amara'))
    ).body.items;
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const byOther = await api()
      .put(`/api/integration-health/v1/calendar/${entry.id}`)
      .set('Authorization', user('diego'))
      .send({ ...announcement, effectiveAt: later });
    expect(byOther.status).toBe(403);

    const moved = await api()
      .put(`/api/integration-health/v1/calendar/${entry.id}`)
      .set('Authorization', user('amara'))
      .send({ ...announcement, effectiveAt: later });
    expect(moved.body).toMatchObject({ sequence: 1, effectiveAt: later });

    const cancelled = await api()
      .post(`/api/integration-health/v1/calendar/${entry.id}/cancel`)
      .set('Authorization', user('amara'));
    expect(cancelled.body).toMatchObject({
      sequence: 2,
      cancelledAt: expect.any(String),
    });

    const detail = await api()
      .get(`/api/integration-health/v1/calendar/${entry.id}`)
      .set('Authorization', user('amara'));
    expect(
      detail.body.history.map((h: any) => [
        h.action,
        h.byRef,
        h.entry.sequence,
      ]),
    ).toEqual([
      ['created', 'user:default/amara', 0],
      ['updated', 'user:default/amara', 1],
      ['cancelled', 'user:default/amara', 2],
    ]);
    expect(
      (
        await api()
          .get('/api/integration-health/v1/calendar')
          .set('Authorization', user('amara'))
      ).body.items,
    ).toEqual([]);
    expect(
      (
        await api()
          .get('/api/integration-health/v1/calendar?state=cancelled')
          .set('Authorization', user('amara'))
      ).body.items,
    ).toHaveLength(1);
  });

  it('checks a candidate spec in CI: fails while a consumer has not acknowledged, passes after', async () => {
    const events = (field: string) =>
      JSON.stringify({
        asyncapi: '2.6.0',
        info: {
          title: 'Transaction events',
          version: field === 'accountId' ? '1.0.0' : '2.0.0',
        },
        channels: {
          'transactions.booked': {
            subscribe: {
              message: {
                payload: {
                  type: 'object',
                  required: ['transactionId', field],
                  properties: {
                    transactionId: { type: 'string' },
                    [field]: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      });
    const check = (body: object, who = 'amara') =>
      api()
        .post('/api/integration-health/v1/calendar/check')
        .set('Authorization', user(who))
        .send({
          apiRef: 'api:default/transaction-events',
          base: events('accountId'),
          spec: events('accountRef'),
          ...body,
        });

    const before = await check({ announce: { effectiveAt: inTwoWeeks } });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      passed: false,
      baseVersion: '1.0.0',
      candidateVersion: '2.0.0',
      announcedEntryId: expect.any(String),
    });
    expect(before.body.breaking.length).toBeGreaterThan(0);
    expect(before.body.breaking[0].consumers).toEqual([
      {
        consumerRef: 'component:default/ledger',
        consumerOwnerRef: 'group:default/ledger',
        acknowledged: false,
        entryId: undefined,
      },
    ]);
    expect(before.body.unacknowledged).toBe(before.body.breaking.length);

    // The filed entry carries the changes; the consumer acknowledges it.
    const filed = await api()
      .get(
        `/api/integration-health/v1/calendar/${before.body.announcedEntryId}`,
      )
      .set('Authorization', user('mei'));
    expect(filed.body.changes.map((c: any) => c.fingerprint)).toEqual(
      before.body.breaking.map((b: any) => b.fingerprint),
    );
    await api()
      .post(
        `/api/integration-health/v1/calendar/${before.body.announcedEntryId}/acknowledgements`,
      )
      .set('Authorization', user('mei'))
      .send({ consumerRef: 'component:default/ledger' });

    const after = await check({});
    expect(after.body).toMatchObject({ passed: true, unacknowledged: 0 });
    expect(after.body.breaking[0].consumers[0]).toMatchObject({
      acknowledged: true,
      entryId: before.body.announcedEntryId,
    });

    // What it refuses: a spec that is not one, an API not in the catalog, no token.
    const garbage = await check({ spec: 'openapi: [' });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.message).toMatch(/^The spec cannot be compared/);
    expect((await check({ apiRef: 'api:default/nothing' })).status).toBe(404);
    const anonymous = await api()
      .post('/api/integration-health/v1/calendar/check')
      .send({});
    expect(anonymous.status).toBe(401);
  });

  it('serves a personal iCalendar feed with a revocable token, which an independent parser reads', async () => {
    const issued = await api()
      .post('/api/integration-health/v1/calendar/feed-tokens')
      .set('Authorization', user('mei'));
    expect(issued.status).toBe(201);
    expect(issued.body.url).toMatch(
      /\/api\/integration-health\/v1\/calendar\/feed\.ics\?token=/,
    );
    const { token } = issued.body;
    const feed = await api().get(
      `/api/integration-health/v1/calendar/feed.ics?token=${token}`,
    );
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);

    const calendar = new ICAL.Component(ICAL.parse(feed.text));
    expect(calendar.getFirstPropertyValue('prodid')).toMatch(
      /Integration Health/,
    );
    const events = calendar
      .getAllSubcomponents('vevent')
      .map(e => new ICAL.Event(e));
    // The CI check's entry, acknowledged by Mei, and the cancelled announcement.
    const filed = events.find(e =>
      e.summary.startsWith('1 breaking change planned'),
    );
    expect(filed).toBeDefined();
    expect(filed!.summary).toMatch(/\(1\/1 acknowledged\)$/);
    expect(filed!.uid).toMatch(/@integration-health$/);
    expect(filed!.sequence).toBe(1); // one acknowledgement since it was filed
    expect(filed!.description).toContain('ledger: acknowledged by mei');
    expect(filed!.startDate.isDate).toBe(true);
    const cancelled = calendar
      .getAllSubcomponents('vevent')
      .find(e => e.getFirstPropertyValue('status') === 'CANCELLED');
    expect(cancelled).toBeDefined();

    // Not Mei's team; a made-up token; after revoking, the old token.
    expect(
      (
        await api().get(
          `/api/integration-health/v1/calendar/feed.ics?token=${token}&team=group:default/platform`,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await api().get(
          `/api/integration-health/v1/calendar/feed.ics?token=${'x'.repeat(
            43,
          )}`,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await api()
          .get('/api/integration-health/v1/calendar/feed-tokens')
          .set('Authorization', user('mei'))
      ).body,
    ).toMatchObject({ active: true });
    const revoked = await api()
      .delete('/api/integration-health/v1/calendar/feed-tokens')
      .set('Authorization', user('mei'));
    expect(revoked.status).toBe(204);
    expect(
      (
        await api().get(
          `/api/integration-health/v1/calendar/feed.ics?token=${token}`,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await api()
          .get('/api/integration-health/v1/calendar/feed-tokens')
          .set('Authorization', user('mei'))
      ).body,
    ).toEqual({ active: false });
  });
});
