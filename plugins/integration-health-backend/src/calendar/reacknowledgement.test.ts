import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockServices,
  TestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
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
import { Knex } from 'knex';
import request from 'supertest';
import { startPolicyBackend, user } from '../__testUtils__/permissionHarness';
import {
  apiConditions,
  createApiConditionalDecision,
  createIntegrationConditionalDecision,
  integrationConditions,
} from '../permissions/conditions';

jest.setTimeout(90_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

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

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString();

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

const ledger = 'component:default/ledger';

describe.each(databases.eachSupportedId())(
  'acknowledgements and later edits of the entry, on %s',
  databaseId => {
    let backend: TestBackend;
    let knex: Knex;
    const sent: NotificationSendOptions[] = [];
    const api = () => request(backend.server);

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      ({ backend } = await startPolicyBackend(calendarPolicy, {
        extraEntities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'mei', namespace: 'default' },
            spec: {},
            relations: [
              { type: 'memberOf', targetRef: 'group:default/ledger' },
            ],
          },
        ],
        services: [
          mockServices.database.factory({ knex }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({
              send: async (notification: NotificationSendOptions) => {
                sent.push(notification);
              },
            }),
          }),
        ],
      }));
    });

    afterAll(() => backend?.stop());

    const check = () =>
      api()
        .post('/api/integration-health/v1/calendar/check')
        .set('Authorization', user('amara'))
        .send({
          apiRef: 'api:default/transaction-events',
          base: events('accountId'),
          spec: events('accountRef'),
        });
    const acknowledge = (entryId: string, body: object = {}) =>
      api()
        .post(`/api/integration-health/v1/calendar/${entryId}/acknowledgements`)
        .set('Authorization', user('mei'))
        .send({ consumerRef: ledger, ...body });
    const detail = async (entryId: string) =>
      (
        await api()
          .get(`/api/integration-health/v1/calendar/${entryId}`)
          .set('Authorization', user('mei'))
      ).body;
    const edit = (entryId: string, body: object) =>
      api()
        .put(`/api/integration-health/v1/calendar/${entryId}`)
        .set('Authorization', user('amara'))
        .send(body);

    it('asks the consumer to acknowledge again when the entry moves earlier or changes scope, keeps the acknowledgement when it moves later, and the CI check follows', async () => {
      // The provider's pipeline files the change; the consumer acknowledges it.
      const filed = await api()
        .post('/api/integration-health/v1/calendar/check')
        .set('Authorization', user('amara'))
        .send({
          apiRef: 'api:default/transaction-events',
          base: events('accountId'),
          spec: events('accountRef'),
          announce: { effectiveAt: inDays(30), title: 'accountRef' },
        });
      const entryId: string = filed.body.announcedEntryId;
      expect(entryId).toEqual(expect.any(String));
      const entry = await detail(entryId);
      const announcement = {
        apiRef: entry.apiRef,
        title: entry.title,
        operations: entry.operations,
        changes: entry.changes,
        effectiveAt: entry.effectiveAt,
      };
      expect((await acknowledge(entryId, { note: 'ready' })).status).toBe(200);
      expect((await check()).body).toMatchObject({ passed: true });

      // Later: the acknowledgement stands.
      const later = await edit(entryId, {
        ...announcement,
        effectiveAt: inDays(40),
        description: 'Slipped by ten days',
      });
      expect(later.status).toBe(200);
      expect((await detail(entryId)).consumers[0]).toMatchObject({
        state: 'acknowledged',
        acknowledgement: { note: 'ready', byRef: 'user:default/mei' },
      });
      expect((await check()).body).toMatchObject({ passed: true });

      // Earlier: pending again, the old acknowledgement kept and shown.
      sent.length = 0;
      expect(
        (await edit(entryId, { ...announcement, effectiveAt: inDays(10) }))
          .status,
      ).toBe(200);
      const moved = await detail(entryId);
      expect(moved.scopeRevision).toBe(1);
      expect(moved.consumers[0]).toMatchObject({
        state: 'pending',
        needsReacknowledgement: true,
        previousAcknowledgement: {
          action: 'acknowledged',
          byRef: 'user:default/mei',
          note: 'ready',
          scopeRevision: 0,
        },
      });
      expect(moved.consumers[0].acknowledgement).toBeUndefined();
      const pendingList = await api()
        .get('/api/integration-health/v1/calendar?state=pending')
        .set('Authorization', user('mei'));
      expect(pendingList.body.items.map((e: any) => e.id)).toContain(entryId);

      const failing = (await check()).body;
      expect(failing).toMatchObject({ passed: false });
      expect(failing.unacknowledged).toBe(failing.breaking.length);
      expect(failing.breaking[0].consumers).toEqual([
        {
          consumerRef: ledger,
          consumerOwnerRef: 'group:default/ledger',
          acknowledged: false,
          needsReacknowledgement: true,
          entryId,
        },
      ]);

      // The ledger's owners are told, under the entry's and consumer's scope.
      const told = sent.filter(
        n =>
          n.payload.scope ===
          `integration-health:calendar:${entryId}:${ledger}`,
      );
      expect(told.at(-1)).toMatchObject({
        recipients: { type: 'entity', entityRef: ['group:default/ledger'] },
        payload: {
          title: expect.stringMatching(/^Acknowledge again for ledger: /),
          description: expect.stringContaining(
            'after mei acknowledged it; that acknowledgement no longer counts',
          ),
          severity: 'high',
        },
      });

      // Acknowledged again: the check passes.
      const again = await acknowledge(entryId, { note: 'still ready' });
      expect(again.body.consumers[0]).toMatchObject({
        state: 'acknowledged',
        acknowledgement: { note: 'still ready', scopeRevision: 1 },
      });
      expect(again.body.consumers[0].needsReacknowledgement).toBeUndefined();
      expect((await check()).body).toMatchObject({ passed: true });

      // Touching other operations opens it again.
      await edit(entryId, {
        ...announcement,
        effectiveAt: inDays(10),
        operations: [...announcement.operations, 'publish accounts.closed'],
      });
      expect((await detail(entryId)).consumers[0]).toMatchObject({
        state: 'pending',
        needsReacknowledgement: true,
        previousAcknowledgement: { note: 'still ready', scopeRevision: 1 },
      });
      expect((await check()).body).toMatchObject({ passed: false });

      // Every acknowledgement is kept, each with the revision it was for.
      const rows = await knex('calendar_acknowledgements')
        .where({ entry_id: entryId })
        .orderBy('id');
      expect(
        rows.map(r => [r.action, r.note, Number(r.scope_revision)]),
      ).toEqual([
        ['acknowledged', 'ready', 0],
        ['acknowledged', 'still ready', 1],
      ]);
    });

    it('records one acknowledgement when the same one is posted several times at once, and answers each with it', async () => {
      const created = await api()
        .post('/api/integration-health/v1/calendar')
        .set('Authorization', user('amara'))
        .send({
          apiRef: 'api:default/transaction-events',
          title: 'transactions.booked drops accountId',
          operations: ['subscribe transactions.booked'],
          effectiveAt: inDays(20),
        });
      expect(created.status).toBe(201);
      const entryId = created.body.id;

      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          acknowledge(entryId, { note: `post ${i}` }),
        ),
      );
      expect(answers.map(a => a.status)).toEqual(Array(6).fill(200));
      const notes = answers.map(a => a.body.consumers[0].acknowledgement?.note);
      expect(new Set(notes).size).toBe(1);
      expect(notes[0]).toMatch(/^post \d$/);
      expect(
        await knex('calendar_acknowledgements').where({ entry_id: entryId }),
      ).toHaveLength(1);

      // Withdrawing twice at once also records once.
      const withdrawn = await Promise.all(
        Array.from({ length: 4 }, () =>
          acknowledge(entryId, { action: 'withdrawn', note: 'slipped' }),
        ),
      );
      expect(withdrawn.map(a => a.status)).toEqual(Array(4).fill(200));
      expect(
        (
          await knex('calendar_acknowledgements')
            .where({ entry_id: entryId })
            .orderBy('id')
        ).map(r => r.action),
      ).toEqual(['acknowledged', 'withdrawn']);
    });
  },
);
