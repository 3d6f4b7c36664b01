import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, TestBackend } from '@backstage/backend-test-utils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import request from 'supertest';
import {
  ownersPolicy,
  startPolicyBackend,
  user,
} from '../__testUtils__/permissionHarness';

jest.setTimeout(30_000);

const ago = (hours: number) =>
  new Date(Date.now() - hours * 3_600_000).toISOString();

// ledger (owned by mei's team) consumes transaction events from processing
// (owned by amara's team); diego's team owns neither.
const incident = () => ({
  title: 'Card payments not booked in the ledger',
  occurredAt: ago(30),
  resolvedAt: ago(28.5),
  impact: {
    affectedTransactions: 1200,
    money: { amount: 48200.5, currency: 'EUR' },
    description: 'Bookings replayed by hand the next morning',
  },
  trigger: { apiRef: 'api:default/transaction-events' },
  outOfSync: {
    kind: 'mock',
    description: 'the ledger pact still sent accountId',
    url: 'https://ci.example.com/pacts/ledger',
  },
  postmortemUrls: ['https://wiki.example.com/postmortems/7'],
});

const sent: NotificationSendOptions[] = [];

describe('incident records, with the permission framework deciding', () => {
  let backend: TestBackend;
  let integrationId: string;

  beforeAll(async () => {
    ({ backend, ledgerIntegrationId: integrationId } = await startPolicyBackend(
      ownersPolicy,
      {
        // Mei may not read the validation API: nor its calendar entries.
        // Zoe may not read the ledger: nor its integrations' incidents.
        hiddenFrom: {
          'user:default/mei': ['api:default/validation-api'],
          'user:default/zoe': ['component:default/ledger'],
        },
        services: [
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
      },
    ));
  });

  afterAll(() => backend.stop());

  const path = () =>
    `/api/integration-health/v1/integrations/${integrationId}/incidents`;
  const record = (who: string, body: object) =>
    request(backend.server)
      .post(path())
      .set('Authorization', user(who))
      .send(body);
  const list = (who: string) =>
    request(backend.server).get(path()).set('Authorization', user(who));

  it('refuses who owns neither side, anonymous callers and services, and records nothing', async () => {
    const outsider = await record('diego', incident());
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.message).toContain(
      'Only the owners of component:default/ledger or component:default/processing',
    );
    const anonymous = await request(backend.server)
      .post(path())
      .send(incident());
    expect(anonymous.status).toBe(401);
    const service = await request(backend.server)
      .post(path())
      .set('Authorization', mockCredentials.service.header())
      .send(incident());
    expect(service.status).toBe(403);
    expect((await list('mei')).body).toEqual({ items: [] });
  });

  it('refuses bad input, naming what is wrong, and records nothing', async () => {
    const cases: [object, string][] = [
      [{ ...incident(), title: '  ' }, 'title'],
      [{ ...incident(), occurredAt: 'yesterday' }, 'occurredAt'],
      [{ ...incident(), occurredAt: ago(-48) }, 'occurredAt is in the future'],
      [
        { ...incident(), resolvedAt: ago(40) },
        'resolvedAt is before occurredAt',
      ],
      [
        // A script URL would run when clicked.
        {
          ...incident(),
          postmortemUrls: [['javascript', 'alert(1)'].join(':')],
        },
        'postmortemUrls.0 must be an http(s) URL',
      ],
      [
        {
          ...incident(),
          impact: { money: { amount: 10, currency: 'euro' } },
        },
        'impact.money.currency',
      ],
      [
        { ...incident(), impact: { affectedTransactions: -1 } },
        'impact.affectedTransactions',
      ],
      [
        {
          ...incident(),
          trigger: { calendarEntryId: '6f1c1d52-1111-4111-8111-111111111111' },
        },
        'is not a calendar entry',
      ],
      [
        {
          ...incident(),
          trigger: {
            apiRef: 'api:default/transaction-events',
            specVersion: '9.9.9',
          },
        },
        '9.9.9 is not a recorded version of api:default/transaction-events',
      ],
      [
        { ...incident(), trigger: { specVersion: '1.0.0' } },
        'needs trigger.apiRef',
      ],
    ];
    for (const [body, message] of cases) {
      const res = await record('mei', body);
      expect({ status: res.status, message: res.body.error?.message }).toEqual({
        status: 400,
        message: expect.stringContaining(message),
      });
    }
    const unknown = await request(backend.server)
      .post(
        `/api/integration-health/v1/integrations/${'0'.repeat(64)}/incidents`,
      )
      .set('Authorization', user('mei'))
      .send(incident());
    expect(unknown.status).toBe(404);
    expect((await list('mei')).body).toEqual({ items: [] });
  });

  it('records an incident by the consumer side, lets the provider side edit it, and shows it on the integration and the entity', async () => {
    const recorded = await record('mei', incident());
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      integrationId,
      consumerRef: 'component:default/ledger',
      providerRef: 'component:default/processing',
      title: 'Card payments not booked in the ledger',
      // Taken from resolvedAt − occurredAt when not stated.
      impact: { durationMinutes: 90, affectedTransactions: 1200 },
      recordedBy: 'user:default/mei',
      canEdit: true,
    });

    const byProvider = await request(backend.server)
      .put(`${path()}/${recorded.body.id}`)
      .set('Authorization', user('amara'))
      .send({ ...incident(), title: 'Ledger bookings lost for 90 minutes' });
    expect(byProvider.status).toBe(200);
    expect(byProvider.body).toMatchObject({
      title: 'Ledger bookings lost for 90 minutes',
      recordedBy: 'user:default/mei',
      updatedBy: 'user:default/amara',
    });
    const byOutsider = await request(backend.server)
      .put(`${path()}/${recorded.body.id}`)
      .set('Authorization', user('diego'))
      .send(incident());
    expect(byOutsider.status).toBe(403);

    // Both sides hear of it, once, except who recorded it.
    expect(sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: ['group:default/ledger', 'group:default/payments'],
          excludeEntityRef: 'user:default/mei',
        },
        payload: expect.objectContaining({
          title:
            'Incident at ledger → processing: Card payments not booked in the ledger',
          link: '/catalog/default/component/ledger/integrations',
          scope: `integration-health:incident:${recorded.body.id}`,
        }),
      },
    ]);
    const missing = await request(backend.server)
      .put(`${path()}/6f1c1d52-2222-4222-8222-222222222222`)
      .set('Authorization', user('mei'))
      .send(incident());
    expect(missing.status).toBe(404);

    const seenByOutsider = await list('diego');
    expect(seenByOutsider.body.items).toEqual([
      expect.objectContaining({
        title: 'Ledger bookings lost for 90 minutes',
        canEdit: false,
      }),
    ]);
    const onEntity = await request(backend.server)
      .get(
        '/api/integration-health/v1/entities/component/default/processing/incidents',
      )
      .set('Authorization', user('amara'));
    expect(onEntity.body.items.map((i: any) => i.id)).toEqual([
      recorded.body.id,
    ]);
  });

  it('counts the incident on the scorecard of both teams, and lists the integration first when drilling down', async () => {
    const card = await request(backend.server)
      .get('/api/integration-health/v1/scorecard?kind=team&window=30')
      .set('Authorization', user('diego'));
    const row = (ref: string) => card.body.rows.find((r: any) => r.ref === ref);
    expect(row('group:default/ledger').incidents).toEqual({
      count: 1,
      durationMinutes: 90,
      affectedTransactions: 1200,
      money: { EUR: 48200.5 },
    });
    expect(row('group:default/payments').incidents.count).toBe(1);
    expect(row('group:default/platform').incidents.count).toBe(0);

    const csv = await request(backend.server)
      .get('/api/integration-health/v1/scorecard?kind=team&format=csv')
      .set('Authorization', user('diego'));
    const lines = csv.text.split('\n');
    expect(lines[1]).toContain(
      'overdue,incidents,incidentMinutes,affectedTransactions,moneyAffected',
    );
    expect(lines.find(l => l.startsWith('group:default/ledger,'))).toContain(
      ',1,90,1200,EUR 48200.50,',
    );

    const drill = await request(backend.server)
      .get(
        '/api/integration-health/v1/scorecard/integrations?ref=group:default/payments&window=30',
      )
      .set('Authorization', user('diego'));
    expect(drill.status).toBe(200);
    expect(drill.body.total).toBe(4);
    expect(
      drill.body.items.map((i: any) => [
        i.consumerRef.split('/')[1],
        i.providerRef.split('/')[1],
        i.side,
        i.incidents,
      ]),
    ).toEqual([
      ['ledger', 'processing', 'provider', 1],
      ['intake', 'processing', 'both', 0],
      ['intake', 'validation', 'both', 0],
      ['processing', 'transactions-db', 'consumer', 0],
    ]);
    const limited = await request(backend.server)
      .get(
        '/api/integration-health/v1/scorecard/integrations?ref=group:default/payments&limit=1',
      )
      .set('Authorization', user('diego'));
    expect([limited.body.total, limited.body.items.length]).toEqual([4, 1]);
    const bad = await request(backend.server)
      .get('/api/integration-health/v1/scorecard/integrations?ref=')
      .set('Authorization', user('diego'));
    expect(bad.status).toBe(400);
    const unknown = await request(backend.server)
      .get(
        '/api/integration-health/v1/scorecard/integrations?ref=group:default/nobody',
      )
      .set('Authorization', user('diego'));
    expect(unknown.status).toBe(404);
  });

  it('records a calendar entry as the trigger only for whoever can see its API, refusing it to others as if it did not exist', async () => {
    const announced = await request(backend.server)
      .post('/api/integration-health/v1/calendar')
      .set('Authorization', user('amara'))
      .send({
        apiRef: 'api:default/validation-api',
        title: 'Secret validation change',
        effectiveAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
    expect(announced.status).toBe(201);
    const trigger = { calendarEntryId: announced.body.id };
    const url = `/api/integration-health/v1/integrations/${integrationId}/incidents`;

    const byMei = await request(backend.server)
      .post(url)
      .set('Authorization', user('mei'))
      .send({ ...incident(), trigger });
    expect(byMei.status).toBe(400);
    expect(byMei.body.error.message).toContain('is not a calendar entry');
    expect(JSON.stringify(byMei.body)).not.toContain('Secret validation');

    const byAmara = await request(backend.server)
      .post(url)
      .set('Authorization', user('amara'))
      .send({ ...incident(), trigger });
    expect(byAmara.status).toBe(201);
    expect(byAmara.body.trigger).toMatchObject({
      calendarEntryId: announced.body.id,
      calendarEntryTitle: 'Secret validation change',
    });
  });

  it('keeps every edit of an incident and shows the history to whoever may read it, and to no one else', async () => {
    // One body, so that only what an edit says it changes changes.
    const asRecorded = incident();
    const recorded = await record('mei', {
      ...asRecorded,
      title: 'Bookings delayed',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.editCount).toBe(0);
    const edit = (who: string, body: object) =>
      request(backend.server)
        .put(`${path()}/${recorded.body.id}`)
        .set('Authorization', user(who))
        .send(body);
    expect(
      (await edit('amara', { ...asRecorded, title: 'Bookings lost' })).status,
    ).toBe(200);
    const second = await edit('mei', {
      ...asRecorded,
      title: 'Bookings lost',
      impact: { ...asRecorded.impact, affectedTransactions: 1350 },
    });
    expect(second.body).toMatchObject({ editCount: 2 });

    const history = (who?: string, id = recorded.body.id) => {
      const req = request(backend.server).get(`${path()}/${id}/history`);
      return who ? req.set('Authorization', user(who)) : req;
    };
    // Diego owns neither side but may read the integration: he sees it too.
    const seen = await history('diego');
    expect(seen.status).toBe(200);
    expect(seen.body.items).toEqual([
      {
        editedBy: 'user:default/amara',
        editedAt: expect.any(String),
        changes: [
          {
            field: 'title',
            before: 'Bookings delayed',
            after: 'Bookings lost',
          },
        ],
      },
      {
        editedBy: 'user:default/mei',
        editedAt: expect.any(String),
        changes: [
          {
            field: 'impact',
            before: expect.objectContaining({ affectedTransactions: 1200 }),
            after: expect.objectContaining({ affectedTransactions: 1350 }),
          },
        ],
      },
    ]);
    expect(
      (await list('diego')).body.items.find(
        (i: any) => i.id === recorded.body.id,
      ),
    ).toMatchObject({ editCount: 2 });

    expect((await history(undefined)).status).toBe(401);
    // Who cannot see the integration is answered as if it did not exist.
    const hidden = await history('zoe');
    expect(hidden.status).toBe(404);
    expect(JSON.stringify(hidden.body)).not.toContain('Bookings');
    expect(
      (await history('diego', '6f1c1d52-2222-4222-8222-222222222222')).status,
    ).toBe(404);
  });
});
