import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { catalogHiding } from '../__testUtils__/catalogHiding';
import { integrationHealthPlugin } from '../plugin';
import { paymentsCatalog } from '../testUtils/entities';

jest.setTimeout(60_000);

const DAY_MS = 86_400_000;

/** Setup that did not go as planned stops the suite, saying what. */
function assertStatus(
  res: { status: number; text: string },
  status: number,
  what: string,
) {
  if (res.status !== status) {
    throw new Error(`${what} answered ${res.status}: ${res.text}`);
  }
}
const OUTSIDER = 'user:default/outsider';

/**
 * The ledger team consumes the payments team's transaction events. An
 * incident at that seam, and a change announced ten days ahead that the
 * ledger acknowledged at once: the brief between the two teams states
 * both, with sources, and names no culprit.
 */
describe('the integration brief over REST', () => {
  let backend: TestBackend;
  const api = () => request(backend.server);
  const mei = mockCredentials.user.header('user:default/mei');
  let integrationId: string;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        integrationHealthPlugin,
        catalogHiding(paymentsCatalog(), {
          [OUTSIDER]: ['group:default/ledger'],
        }),
        mockServices.rootConfig.factory({
          data: {
            integrationHealth: {
              sync: {
                schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
              },
            },
          },
        }),
      ],
    });
    for (let i = 0; i < 200 && !integrationId; i++) {
      const res = await api()
        .get(
          '/api/integration-health/v1/entities/component/default/ledger/integrations',
        )
        .set('Authorization', mei);
      integrationId = res.body.upstream?.[0]?.id;
      if (!integrationId) await new Promise(r => setTimeout(r, 100));
    }
    const recorded = await api()
      .post(
        `/api/integration-health/v1/integrations/${integrationId}/incidents`,
      )
      .set('Authorization', mei)
      .send({
        title: 'Card payments not booked in the ledger',
        occurredAt: new Date(Date.now() - 5 * DAY_MS).toISOString(),
        impact: {
          durationMinutes: 95,
          affectedTransactions: 1200,
          money: { amount: 48200.5, currency: 'EUR' },
        },
        outOfSync: {
          kind: 'mock',
          description: 'The pact still sent accountId',
        },
        postmortemUrls: [],
      });
    assertStatus(recorded, 201, 'recording the incident');
    const announced = await api()
      .post('/api/integration-health/v1/calendar')
      .set('Authorization', mei)
      .send({
        apiRef: 'api:default/transaction-events',
        title: 'Events 3.0 drops amountCents',
        effectiveAt: new Date(
          Date.now() + 10 * DAY_MS + 3_600_000,
        ).toISOString(),
      });
    assertStatus(announced, 201, 'announcing the change');
    const acknowledged = await api()
      .post(
        `/api/integration-health/v1/calendar/${announced.body.id}/acknowledgements`,
      )
      .set('Authorization', mei)
      .send({ consumerRef: 'component:default/ledger' });
    assertStatus(acknowledged, 200, 'acknowledging the change');
  });

  afterAll(() => backend?.stop());

  it('states the seam between two teams: owners, the incident and its impact, the notice and the acknowledgement, each with its source', async () => {
    const res = await api()
      .get(
        '/api/integration-health/v1/briefs?teams=group:default/ledger,group:default/payments',
      )
      .set('Authorization', mei);
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('ledger ↔ payments');
    expect(res.body.integrations.map((i: any) => i.id)).toEqual([
      integrationId,
    ]);
    expect(res.body.incidents).toEqual([
      expect.objectContaining({
        title: 'Card payments not booked in the ledger',
        impact: {
          durationMinutes: 95,
          affectedTransactions: 1200,
          money: { amount: 48200.5, currency: 'EUR' },
        },
        outOfSync: {
          kind: 'mock',
          description: 'The pact still sent accountId',
        },
      }),
    ]);
    expect(res.body.breakingChanges).toEqual([
      expect.objectContaining({
        title: 'Events 3.0 drops amountCents',
        origin: 'announced',
        noticeDays: 10,
        consumers: [
          expect.objectContaining({
            consumerRef: 'component:default/ledger',
            state: 'acknowledged',
            acknowledgedDaysBefore: 10,
          }),
        ],
      }),
    ]);
    const texts = res.body.facts.map((f: any) => [f.source, f.text]);
    expect(texts).toEqual(
      expect.arrayContaining([
        [
          'catalog',
          'ledger uses processing through transaction-events; the consumer is owned by ledger, the provider by payments; the accountable owner of the integration is not declared.',
        ],
        [
          'breaking-change calendar',
          expect.stringMatching(
            /^"Events 3.0 drops amountCents" was announced on \d{4}-\d\d-\d\d and takes effect on \d{4}-\d\d-\d\d: consumers heard of it 10 days before it takes effect\.$/,
          ),
        ],
        [
          'breaking-change calendar',
          expect.stringMatching(
            /^ledger acknowledged "Events 3.0 drops amountCents" on \d{4}-\d\d-\d\d, 10 days before it takes effect\.$/,
          ),
        ],
        [
          'incident record',
          expect.stringMatching(
            /^Incident "Card payments not booked in the ledger" at ledger → processing began on .* UTC; it lasted 95 minutes, affected 1,200 transactions, involved EUR 48,200\.50\.$/,
          ),
        ],
        [
          'incident record',
          'The mock was recorded as out of sync: The pact still sent accountId.',
        ],
      ]),
    );
    // Facts, not verdicts.
    expect(JSON.stringify(res.body.facts)).not.toMatch(
      /\b(fault|blame|should have|failed to)\b/i,
    );
  });

  it('answers Markdown ready for a post-mortem document', async () => {
    const res = await api()
      .get(
        `/api/integration-health/v1/briefs?integrationId=${integrationId}&format=markdown`,
      )
      .set('Authorization', mei);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/markdown');
    expect(res.text).toMatch(
      /^# Integration brief: ledger → processing \(transaction-events\)\n/,
    );
    expect(res.text).toContain('## Incidents\n');
    expect(res.text).toContain(
      '- The mock was recorded as out of sync: The pact still sent accountId. (incident record)',
    );
    expect(res.text).toContain(
      '([breaking-change calendar](/integration-health/calendar?entry=',
    );
  });

  it('refuses an unclear subject and leaves out what the caller cannot see', async () => {
    for (const query of [
      '',
      `integrationId=${integrationId}&entityRef=component:default/ledger`,
      'teams=group:default/ledger',
      'entityRef=component:default/ledger&from=2020-01-01&to=2026-01-01',
      'entityRef=component:default/ledger&from=yesterday',
    ]) {
      const res = await api()
        .get(`/api/integration-health/v1/briefs?${query}`)
        .set('Authorization', mei);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
    const hidden = await api()
      .get(
        '/api/integration-health/v1/briefs?teams=group:default/ledger,group:default/payments',
      )
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(hidden.status).toBe(404);
  });
});
