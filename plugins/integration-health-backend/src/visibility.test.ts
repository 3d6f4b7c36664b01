import { mockCredentials, TestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  groupMembers,
  ownersPolicy,
  startPolicyBackend,
  user,
} from './__testUtils__/permissionHarness';
import { answered } from './__testUtils__/answered';

jest.setTimeout(60_000);

const HIDDEN_API = 'api:default/transaction-events';
const HIDDEN_COMPONENT = 'component:default/ledger';
const TITLE = 'Event amounts become strings';

/**
 * Amara owns processing, which provides the transaction events the ledger
 * consumes; the catalog's policy lets her read neither the events API nor
 * the ledger. Every read route, the feed, the scorecard drill-down and the
 * CI check are driven as her, and as Mei (who reads everything) to show each
 * route does carry the hidden data to those allowed.
 */
describe('what a user may not read in the catalog appears nowhere', () => {
  let backend: TestBackend;
  let ledgerIntegrationId: string;
  let entryId: string;
  let feedUrl: string;

  beforeAll(async () => {
    ({ backend, ledgerIntegrationId } = await startPolicyBackend(ownersPolicy, {
      extraEntities: groupMembers(),
      hiddenFrom: { 'user:default/amara': [HIDDEN_API, HIDDEN_COMPONENT] },
    }));
    const server = backend.server;
    // Data at the hidden seam: a planned change, evidence, an incident, an owner.
    const announced = await request(server)
      .post('/api/integration-health/v1/calendar')
      .set('Authorization', mockCredentials.service.header())
      .send({
        apiRef: HIDDEN_API,
        title: TITLE,
        effectiveAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
      });
    entryId = answered(announced, 201).body.id;
    const verified = await request(server)
      .post(
        `/api/integration-health/v1/integrations/${ledgerIntegrationId}/verifications`,
      )
      .set('Authorization', mockCredentials.service.header())
      .send({ result: 'failed', providerVersion: '1.0.0' });
    answered(verified, 201);
    const incident = await request(server)
      .post(
        `/api/integration-health/v1/integrations/${ledgerIntegrationId}/incidents`,
      )
      .set('Authorization', user('mei'))
      .send({
        title: 'Ledger stopped booking',
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
        impact: { durationMinutes: 30 },
        trigger: { calendarEntryId: entryId },
        postmortemUrls: [],
      });
    answered(incident, 201);
    const assigned = await request(server)
      .put(
        `/api/integration-health/v1/integrations/${ledgerIntegrationId}/accountable-owner`,
      )
      .set('Authorization', user('mei'))
      .send({ ownerRef: 'group:default/ledger' });
    answered(assigned, 200);
    const issued = await request(server)
      .post('/api/integration-health/v1/calendar/feed-tokens')
      .set('Authorization', user('amara'));
    answered(issued, 201);
    feedUrl =
      new URL(issued.body.url).pathname + new URL(issued.body.url).search;
  });

  afterAll(() => backend.stop());

  const base = '/api/integration-health';
  const reads = () => [
    `/v1/entities/component/default/processing/integrations`,
    `/v1/entities/api/default/transaction-events/integrations`,
    `/v1/entities/component/default/ledger/integrations`,
    `/v1/entities/api/default/transaction-events/spec-versions`,
    `/v1/entities/component/default/processing/graph?direction=both&depth=3`,
    `/v1/entities/component/default/processing/blast-radius?depth=3`,
    `/v1/entities/component/default/processing/breaking-changes`,
    `/v1/entities/api/default/transaction-events/breaking-changes`,
    `/v1/entities/component/default/processing/incidents`,
    `/v1/entities/group/default/payments/incidents`,
    `/v1/integrations/${ledgerIntegrationId}/incidents`,
    `/v1/integrations/${ledgerIntegrationId}/score-trend?days=7`,
    `/v1/integrations/${ledgerIntegrationId}/accountable-owner/assignments`,
    `/v1/calendar`,
    `/v1/calendar?apiRef=${HIDDEN_API}`,
    `/v1/calendar/${entryId}`,
    `/v1/scorecard/integrations?ref=group:default/payments&window=30`,
    `/v1/scorecard/integrations?ref=group:default/ledger&window=30`,
  ];
  const leaks = (text: string) =>
    [HIDDEN_API, HIDDEN_COMPONENT, ledgerIntegrationId, TITLE].filter(s =>
      text.includes(s),
    );
  /** What a request itself names (a 404 may repeat it): no leak. */
  const asked = (path: string) => {
    const entity = path.match(/^\/v1\/entities\/([^/]+)\/([^/]+)\/([^/?]+)/);
    return [
      ...(entity ? [`${entity[1]}:${entity[2]}/${entity[3]}`] : []),
      ...(path.includes(ledgerIntegrationId) ? [ledgerIntegrationId] : []),
      ...(path.includes(HIDDEN_API) ? [HIDDEN_API] : []),
    ];
  };

  it('answers every read route without the hidden API, component or their integration', async () => {
    const seenByMei: string[] = [];
    for (const path of reads()) {
      const asAmara = await request(backend.server)
        .get(base + path)
        .set('Authorization', user('amara'));
      expect({ path, answered: [200, 404].includes(asAmara.status) }).toEqual({
        path,
        answered: true,
      });
      const found = leaks(asAmara.text).filter(s => !asked(path).includes(s));
      expect({ path, leaks: found }).toEqual({ path, leaks: [] });

      const asMei = await request(backend.server)
        .get(base + path)
        .set('Authorization', user('mei'));
      seenByMei.push(...leaks(asMei.text));
    }
    // The same routes carry the hidden data to a user who may read it.
    expect(new Set(seenByMei)).toEqual(
      new Set([HIDDEN_API, HIDDEN_COMPONENT, ledgerIntegrationId, TITLE]),
    );
  });

  it('answers the CI check for the hidden API as if it did not exist', async () => {
    const check = await request(backend.server)
      .post(`${base}/v1/calendar/check`)
      .set('Authorization', user('amara'))
      .send({ apiRef: HIDDEN_API, spec: '{"asyncapi":"2.6.0"}' });
    expect(check.status).toBe(404);
    expect(leaks(check.text)).toEqual([HIDDEN_API]); // the ref she sent, no more
  });

  it('leaves the hidden entry out of her calendar feed', async () => {
    const feed = await request(backend.server).get(feedUrl);
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('BEGIN:VCALENDAR');
    expect(leaks(feed.text)).toEqual([]);

    // Mei's feed, from her own visit, holds it.
    const issued = await request(backend.server)
      .post(`${base}/v1/calendar/feed-tokens`)
      .set('Authorization', user('mei'));
    const url = new URL(issued.body.url);
    const meis = await request(backend.server).get(url.pathname + url.search);
    expect(meis.text).toContain(TITLE);
  });
});
