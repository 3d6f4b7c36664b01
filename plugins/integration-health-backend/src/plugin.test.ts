import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { integrationHealthPlugin } from './plugin';
import { paymentsCatalog } from './testUtils/entities';
import { catalogHiding } from './__testUtils__/catalogHiding';

jest.setTimeout(30_000);

const OUTSIDER = 'user:default/outsider';
/**
 * The in-memory catalog, except that the outsider may not read the ledger
 * component nor the validation API — as a permission policy would decide in
 * a real catalog.
 */
const catalogWithVisibility = catalogHiding(paymentsCatalog(), {
  [OUTSIDER]: ['component:default/ledger', 'api:default/validation-api'],
});

async function startBackend() {
  const backend = await startTestBackend({
    features: [
      integrationHealthPlugin,
      catalogWithVisibility,
      // Requests without a token are unauthenticated, as in a real backend.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          integrationHealth: {
            sync: {
              schedule: {
                frequency: { minutes: 10 },
                timeout: { minutes: 1 },
              },
            },
          },
        },
      }),
    ],
  });
  return backend;
}

async function waitForFirstSync(server: TestBackend['server']) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const res = await request(server)
      .get('/api/integration-health/v1/sync-runs/latest')
      .set('Authorization', mockCredentials.user.header());
    if (res.status === 200 && res.body.status !== 'running') {
      return res;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error('The scheduled sync did not run');
}

describe('integration-health backend', () => {
  let backend: TestBackend;
  let server: TestBackend['server'];

  beforeAll(async () => {
    backend = await startBackend();
    server = backend.server;
    await waitForFirstSync(server);
  });

  afterAll(() => backend.stop());

  it('runs the scheduled sync soon after start and reports the run', async () => {
    const res = await request(server)
      .get('/api/integration-health/v1/sync-runs/latest')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'succeeded',
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
      counts: { integrations: 4, withoutAccountableOwner: 3, entityErrors: 0 },
      entityErrors: [],
    });
  });

  it("returns an entity's integrations in both directions with their owners", async () => {
    const res = await request(server)
      .get(
        '/api/integration-health/v1/entities/component/default/processing/integrations',
      )
      .set('Authorization', mockCredentials.user.header());

    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/processing');
    expect(res.body.lastSync).toMatchObject({ status: 'succeeded' });
    expect(res.body.upstream).toEqual([
      expect.objectContaining({
        providerRef: 'resource:default/transactions-db',
        kind: 'database',
        providerOwnerRef: 'group:default/platform',
        consumerOwnerRef: 'group:default/payments',
        findings: [
          expect.objectContaining({ id: 'accountable-owner-missing' }),
        ],
      }),
    ]);
    expect(res.body.downstream.map((i: any) => i.consumerRef)).toEqual([
      'component:default/intake',
      'component:default/ledger',
    ]);
  });

  it('leaves out integrations with an entity the caller may not read', async () => {
    const res = await request(server)
      .get(
        '/api/integration-health/v1/entities/component/default/processing/integrations',
      )
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(res.status).toBe(200);
    expect(res.body.downstream.map((i: any) => i.consumerRef)).toEqual([
      'component:default/intake',
    ]);

    const hidden = await request(server)
      .get(
        '/api/integration-health/v1/entities/component/default/ledger/integrations',
      )
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.name).toBe('NotFoundError');
  });

  it('checks a candidate spec only against an API the caller can see, answering 404 as for one that does not exist', async () => {
    const candidate = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'validation-api', version: '2.0.0' },
      paths: {},
    });
    const check = (who: string, apiRef: string) =>
      request(server)
        .post('/api/integration-health/v1/calendar/check')
        .set('Authorization', mockCredentials.user.header(who))
        .send({ apiRef, spec: candidate });

    const seen = await check('user:default/mock', 'api:default/validation-api');
    expect(seen.status).toBe(200);
    const hidden = await check(OUTSIDER, 'api:default/validation-api');
    const missing = await check(OUTSIDER, 'api:default/no-such-api');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.body.error.message).toBe(
      'No API api:default/validation-api in the catalog',
    );
    expect(JSON.stringify(hidden.body)).not.toContain('paths');
  });

  it('refuses unauthenticated requests', async () => {
    const res = await request(server).get(
      '/api/integration-health/v1/entities/component/default/processing/integrations',
    );
    expect(res.status).toBe(401);
  });

  it('answers bad input with 400 naming the field, and unknown entities with 404', async () => {
    const bad = await request(server)
      .get(
        `/api/integration-health/v1/entities/${'k'.repeat(
          64,
        )}/default/x/integrations`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('kind'),
    });

    const unknown = await request(server)
      .get(
        '/api/integration-health/v1/entities/component/default/nope/integrations',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(unknown.status).toBe(404);
  });

  it("lists an API's spec versions and the changes of each, for callers who can see it", async () => {
    const versions = await request(server)
      .get(
        '/api/integration-health/v1/entities/api/default/transaction-events/spec-versions',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(versions.status).toBe(200);
    expect(versions.body.versions).toEqual([
      expect.objectContaining({
        apiRef: 'api:default/transaction-events',
        format: 'asyncapi-2',
        versionLabel: '1.0.0',
        source: 'catalog',
        summary: { breaking: 0, warning: 0, info: 0 },
      }),
    ]);
    const [version] = versions.body.versions;

    const changes = await request(server)
      .get(
        `/api/integration-health/v1/entities/api/default/transaction-events/spec-versions/${version.id}/changes`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect(changes.status).toBe(200);
    expect(changes.body).toEqual({ changes: [] });

    const otherApi = await request(server)
      .get(
        `/api/integration-health/v1/entities/api/default/validation-api/spec-versions/${version.id}/changes`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect(otherApi.status).toBe(404);

    const notAnId = await request(server)
      .get(
        '/api/integration-health/v1/entities/api/default/transaction-events/spec-versions/latest/changes',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(notAnId.status).toBe(400);
    expect(notAnId.body.error.message).toContain('versionId');
  });

  it('serves the dependency graph and blast radius, bounded, with bad limits refused', async () => {
    const graph = await request(server)
      .get(
        '/api/integration-health/v1/entities/component/default/processing/graph?direction=downstream&depth=1',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(graph.status).toBe(200);
    expect(graph.body.nodes.map((n: any) => n.ref)).toEqual([
      'component:default/processing',
      'component:default/intake',
      'component:default/ledger',
    ]);

    const radius = await request(server)
      .get(
        '/api/integration-health/v1/entities/api/default/transaction-events/blast-radius',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(radius.status).toBe(200);
    expect(radius.body.consumers).toEqual([
      {
        ref: 'component:default/ledger',
        depth: 1,
        path: ['api:default/transaction-events', 'component:default/ledger'],
      },
    ]);

    const tooDeep = await request(server)
      .get(
        '/api/integration-health/v1/entities/component/default/processing/graph?depth=50',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.error.message).toContain('depth');
    const badDirection = await request(server)
      .get(
        '/api/integration-health/v1/entities/component/default/processing/graph?direction=sideways',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(badDirection.status).toBe(400);
    expect(badDirection.body.error.message).toContain('direction');
  });

  it('takes a verification pushed by a pipeline and shows the recomputed scores on the tab', async () => {
    const tab = await request(server)
      .get(
        '/api/integration-health/v1/entities/component/default/ledger/integrations',
      )
      .set('Authorization', mockCredentials.user.header());
    const [integration] = tab.body.upstream;
    expect(integration.scores).toBeUndefined(); // no evidence yet: unknown
    const url = `/api/integration-health/v1/integrations/${integration.id}/verifications`;

    const pushed = await request(server)
      .post(url)
      .set('Authorization', mockCredentials.service.header())
      .send({
        result: 'failed',
        providerVersion: '1.0.0',
        consumerVersion: 'ledger-7f3c',
        url: 'https://ci.example/runs/42',
      });
    expect(pushed.status).toBe(201);
    expect(pushed.body.contract).toMatchObject({
      value: 0,
      tier: 'verification-failed',
      evidence: [
        expect.objectContaining({
          source: 'external:test-service',
          url: 'https://ci.example/runs/42',
        }),
      ],
    });

    const after = await request(server)
      .get(
        '/api/integration-health/v1/entities/component/default/ledger/integrations',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(after.body.upstream[0].scores.contract.value).toBe(0);
    expect(after.body.upstream[0].sources).toEqual([
      'consumesApi',
      'providesApi',
      'contractEvidence',
    ]);

    // The map colours both ends of the seam by its lowest score.
    const graph = await request(server)
      .get(
        '/api/integration-health/v1/entities/component/default/ledger/graph?depth=1',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(graph.body.nodes).toEqual(
      expect.arrayContaining([
        {
          ref: 'component:default/processing',
          depth: 1,
          health: { lowestScore: 0, integrations: 1, withEvidence: 1 },
        },
      ]),
    );

    // Today's snapshot feeds the trend; the outsider cannot see this seam.
    const trend = await request(server)
      .get(
        `/api/integration-health/v1/integrations/${integration.id}/score-trend?days=7`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect(trend.body).toEqual({
      days: 7,
      snapshots: [{ day: new Date().toISOString().slice(0, 10), contract: 0 }],
    });
    const hidden = await request(server)
      .get(
        `/api/integration-health/v1/integrations/${integration.id}/score-trend`,
      )
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(hidden.status).toBe(404);
    const tooLong = await request(server)
      .get(
        `/api/integration-health/v1/integrations/${integration.id}/score-trend?days=999`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toContain('days');

    // Users do not push evidence; bad bodies name the field; unknown ids 404.
    const byUser = await request(server)
      .post(url)
      .set('Authorization', mockCredentials.user.header())
      .send({ result: 'passed', providerVersion: '1.0.0' });
    expect(byUser.status).toBe(403);
    const bad = await request(server)
      .post(url)
      .set('Authorization', mockCredentials.service.header())
      .send({ result: 'green', providerVersion: '1.0.0' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('result');
    const badDate = await request(server)
      .post(url)
      .set('Authorization', mockCredentials.service.header())
      .send({
        result: 'passed',
        providerVersion: '1',
        verifiedAt: 'yesterday',
      });
    expect(badDate.body.error.message).toContain('verifiedAt');
    const unknown = await request(server)
      .post(
        `/api/integration-health/v1/integrations/${'a'.repeat(
          64,
        )}/verifications`,
      )
      .set('Authorization', mockCredentials.service.header())
      .send({ result: 'passed', providerVersion: '1.0.0' });
    expect(unknown.status).toBe(404);
  });

  it('takes a mock bundle pushed by refs, checks it against the current spec, and refuses what it cannot take', async () => {
    const refs = {
      consumerRef: 'ledger',
      providerRef: 'component:default/processing',
      apiRef: 'api:transaction-events',
    };
    const pact = {
      consumer: { name: 'ledger' },
      provider: { name: 'processing' },
      messages: [
        {
          description: 'a transaction was booked',
          metaData: { channel: 'transactions.booked' },
          contents: { transactionId: 't-1' },
        },
      ],
    };
    const pushed = await request(server)
      .put('/api/integration-health/v1/evidence/mocks')
      .set('Authorization', mockCredentials.service.header())
      .send({
        ...refs,
        documents: [
          { name: 'ledger/pacts/events.json', format: 'pact', content: pact },
        ],
      });
    expect(pushed.status).toBe(200);
    // The test catalog's event API defines no channels yet.
    expect(pushed.body.mock).toMatchObject({
      value: 0,
      tier: 'mocks-checked',
      summary:
        '1 of 1 mocks no longer match the spec 1.0.0: message transactions.booked: channel `transactions.booked` is not in the current spec — refreshed mocks available',
    });

    // The same bundle by id replaces it rather than adding to it.
    const tab = await request(server)
      .get(
        '/api/integration-health/v1/entities/component/default/ledger/integrations',
      )
      .set('Authorization', mockCredentials.user.header());
    const id = tab.body.upstream[0].id;
    expect(tab.body.upstream[0].scores.mock.inputs.mocks).toBe(1);
    const again = await request(server)
      .put(`/api/integration-health/v1/integrations/${id}/mocks`)
      .set('Authorization', mockCredentials.service.header())
      .send({
        documents: [{ name: 'events.json', format: 'pact', content: pact }],
      });
    expect(again.body.mock.inputs.mocks).toBe(1);
    // A bundle far above the usual 100 kB body limit (1 MB of pacts) is taken.
    const large = await request(server)
      .put(`/api/integration-health/v1/integrations/${id}/mocks`)
      .set('Authorization', mockCredentials.service.header())
      .send({
        documents: [
          {
            name: 'events.json',
            format: 'pact',
            content: {
              ...pact,
              messages: [
                {
                  ...pact.messages[0],
                  contents: { transactionId: 't'.repeat(1024 * 1024) },
                },
              ],
            },
          },
        ],
      });
    expect(large.status).toBe(200);
    expect(large.body.mock.inputs.mocks).toBe(1);

    const refused = async (
      req: request.Test,
      status: number,
      message?: string,
    ) => {
      const res = await req;
      expect(res.status).toBe(status);
      expect(res.body.error.message).toContain(message ?? '');
    };
    const put = () =>
      request(server).put('/api/integration-health/v1/evidence/mocks');
    // A user may not push; the format must be known; refs must be refs and known.
    await refused(
      put()
        .set('Authorization', mockCredentials.user.header())
        .send({ ...refs, documents: [] }),
      403,
    );
    await refused(
      put()
        .set('Authorization', mockCredentials.service.header())
        .send({
          ...refs,
          documents: [{ name: 'x', format: 'har', content: {} }],
        }),
      400,
      'documents.0.format',
    );
    await refused(
      put()
        .set('Authorization', mockCredentials.service.header())
        .send({ ...refs, consumerRef: 'nobody', documents: [] }),
      404,
    );
    await refused(
      put()
        .set('Authorization', mockCredentials.service.header())
        .send({ ...refs, consumerRef: 'component:', documents: [] }),
      400,
      'is not an entity ref',
    );
    // Broken JSON and bodies over 10 MB are refused before anything is stored.
    await refused(
      put()
        .set('Authorization', mockCredentials.service.header())
        .set('Content-Type', 'application/json')
        .send('{"documents": ['),
      400,
    );
    await refused(
      put()
        .set('Authorization', mockCredentials.service.header())
        .send({
          ...refs,
          documents: [
            {
              name: 'big',
              format: 'pact',
              content: 'x'.repeat(11 * 1024 * 1024),
            },
          ],
        }),
      413,
    );
    const still = await request(server)
      .get(
        '/api/integration-health/v1/entities/component/default/ledger/integrations',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(still.body.upstream[0].scores.mock.inputs.mocks).toBe(1);

    // A verification by refs lands on the same integration.
    const verified = await request(server)
      .post('/api/integration-health/v1/evidence/verifications')
      .set('Authorization', mockCredentials.service.header())
      .send({ ...refs, result: 'passed', providerVersion: '1.0.0' });
    expect(verified.status).toBe(201);
    expect(verified.body.contract.tier).toBe('verified-in-production');
  });

  it('lists the evidence sources and whether they are stale', async () => {
    const res = await request(server)
      .get('/api/integration-health/v1/evidence-sources')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
  });

  it('answers the daily health of a team from the snapshot the sync wrote, to those who can see the team', async () => {
    const trend = await request(server)
      .get(
        '/api/integration-health/v1/entities/group/default/ledger/score-trend?days=30',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(trend.status).toBe(200);
    expect(trend.body).toEqual({
      days: 30,
      snapshots: [
        {
          day: new Date().toISOString().slice(0, 10),
          integrations: 1,
          withEvidence: 0,
          withoutAccountableOwner: 1,
        },
      ],
    });
    // The outsider may not read the ledger component, so not its health either.
    const hidden = await request(server)
      .get(
        '/api/integration-health/v1/entities/component/default/ledger/score-trend',
      )
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(hidden.status).toBe(404);
  });

  it("answers the scorecard by team from the day's snapshot, as JSON and as CSV that states its date", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const card = await request(server)
      .get('/api/integration-health/v1/scorecard?kind=team&window=30')
      .set('Authorization', mockCredentials.user.header());
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({
      kind: 'team',
      day: today,
      windowDays: 30,
    });
    const ledger = card.body.rows.find(
      (r: any) => r.ref === 'group:default/ledger',
    );
    expect(ledger).toMatchObject({
      integrations: 1,
      asConsumer: 1,
      asProvider: 0,
    });
    expect(ledger.breakingChanges).toEqual({
      announced: 0,
      pending: 0,
      overdue: 0,
    });

    const csv = await request(server)
      .get('/api/integration-health/v1/scorecard?kind=team&format=csv')
      .set('Authorization', mockCredentials.user.header());
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe(
      `# Integration Health scorecard by team, snapshot ${today}, trend since no earlier snapshot (30 days)`,
    );
    expect(lines[1]).toBe(
      'ref,integrations,asProvider,asConsumer,ownedShare,contract,mock,evidenceShare,announced,pending,overdue,incidents,incidentMinutes,affectedTransactions,moneyAffected,contractTrend,mockTrend,undeclared,notObserved,undeclaredTrend,notObservedTrend',
    );
    expect(lines).toContain(
      'group:default/ledger,1,0,1,0.000,,,0.000,0,0,0,0,0,0,,,,,,,',
    );

    const badWindow = await request(server)
      .get('/api/integration-health/v1/scorecard?window=7')
      .set('Authorization', mockCredentials.user.header());
    expect(badWindow.status).toBe(400);
    expect(badWindow.body.error.message).toContain('window');
  });

  it('lets a service call the routes with its own credentials', async () => {
    const res = await request(server)
      .get('/api/integration-health/v1/sync-runs/latest')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
  });
});

describe('integration-health backend before the first sync', () => {
  it('says the sync has not run yet', async () => {
    const backend = await startTestBackend({
      features: [
        integrationHealthPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ],
    });
    const res = await request(backend.server)
      .get('/api/integration-health/v1/sync-runs/latest')
      .set('Authorization', mockCredentials.user.header());
    await backend.stop();
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('The sync job has not run yet');
  });
});
