import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { TELEMETRY_SERVICE_ANNOTATION } from '@integration-health/plugin-integration-health-common';
import {
  CollectedObservations,
  integrationHealthObservationsExtensionPoint,
} from '@integration-health/plugin-integration-health-node';
import request from 'supertest';
import { catalogHiding } from '../__testUtils__/catalogHiding';
import { integrationHealthPlugin } from '../plugin';
import { entity, paymentsCatalog } from '../testUtils/entities';

jest.setTimeout(60_000);

/** What the fake tracing backend answers on the next sync. */
let answer: () => Promise<CollectedObservations>;

const windowEnd = new Date().toISOString();
const windowStart = new Date(Date.now() - 3_600_000).toISOString();
const traces = (): Promise<CollectedObservations> =>
  Promise.resolve({
    windowStart,
    windowEnd,
    calls: [
      // declared: intake consumes the validation API
      {
        client: 'intake',
        server: 'validation',
        calls: 120,
        failedCalls: 6,
        p95LatencyMs: 80,
      },
      // declared: processing depends on the database, named otherwise in telemetry
      {
        client: 'processing',
        server: 'transactions-pg',
        connectionType: 'database',
        calls: 500,
      },
      // declared: the ledger consumes processing's events
      {
        client: 'processing',
        server: 'ledger',
        connectionType: 'messaging_system',
        calls: 300,
      },
      // not declared: the ledger calls validation
      { client: 'ledger', server: 'validation', calls: 12 },
      // a service the catalog does not know
      { client: 'intake', server: 'fraud-check', calls: 40 },
      // to an entity the user may not see
      { client: 'intake', server: 'secret-scoring', calls: 7 },
    ],
  });

const tracing = createBackendModule({
  pluginId: 'integration-health',
  moduleId: 'test-tracing',
  register(env) {
    env.registerInit({
      deps: { observations: integrationHealthObservationsExtensionPoint },
      async init({ observations }) {
        observations.addSource({
          id: 'tracing',
          collect: () => answer(),
          linkTo: (edge, range) =>
            `https://tracing.example.com/graph?client=${edge.client}&server=${
              edge.server
            }&from=${range.from.toISOString()}&to=${range.to.toISOString()}`,
        });
      },
    });
  },
});

const catalog = [
  ...paymentsCatalog().map(e =>
    e.metadata.name === 'transactions-db'
      ? {
          ...e,
          metadata: {
            ...e.metadata,
            annotations: { [TELEMETRY_SERVICE_ANNOTATION]: 'transactions-pg' },
          },
        }
      : e,
  ),
  // declared, never seen in telemetry
  entity('component:default/reports', {
    owner: 'group:default/ledger',
    relations: { consumesApi: ['api:default/validation-api'] },
  }),
  entity('component:default/secret-scoring', {
    owner: 'group:default/platform',
  }),
];

const TOKENS = {
  pusher: 'observations-push-token-01',
  other: 'evidence-only-token-002',
  reader: 'unrestricted-token-0003',
};
const externalAccess = [
  {
    type: 'static',
    options: { token: TOKENS.pusher, subject: 'otel-exporter' },
    accessRestrictions: [
      {
        plugin: 'integration-health',
        permission: 'integration-health.observations.push',
      },
    ],
  },
  {
    type: 'static',
    options: { token: TOKENS.other, subject: 'ci' },
    accessRestrictions: [
      {
        plugin: 'integration-health',
        permission: 'integration-health.evidence.push',
      },
    ],
  },
  { type: 'static', options: { token: TOKENS.reader, subject: 'ops' } },
];

function start(auth: 'mock' | 'static') {
  return startTestBackend({
    features: [
      integrationHealthPlugin,
      tracing,
      ...(auth === 'static'
        ? [authServiceFactory, httpAuthServiceFactory]
        : []),
      catalogHiding(catalog, {
        'user:default/outsider': ['component:default/secret-scoring'],
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: { auth: { externalAccess } },
          integrationHealth: {
            sync: {
              schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
            },
          },
        },
      }),
    ],
  });
}

/** Waits for the first sync to have asked the observation sources. */
async function synced(backend: TestBackend, authorization: string) {
  for (let i = 0; i < 100; i++) {
    const res = await request(backend.server)
      .get('/api/integration-health/v1/observation-sources')
      .set('Authorization', authorization);
    if (res.body.items?.length) return;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error('The first sync did not run');
}

describe('observed integrations over REST', () => {
  let backend: TestBackend;
  const observed = (ref: string, user = mockCredentials.user()) =>
    request(backend.server)
      .get(`/api/integration-health/v1/entities/${ref}/observed`)
      .set(
        'Authorization',
        mockCredentials.user.header(user.principal.userEntityRef),
      );

  beforeAll(async () => {
    answer = traces;
    backend = await start('mock');
    await synced(backend, mockCredentials.user.header());
  });

  afterAll(() => backend.stop());

  it("shows an entity's declared and observed edges side by side", async () => {
    const res = await observed('component/default/intake');
    expect(res.status).toBe(200);
    expect(res.body.telemetryNames).toEqual(['intake']);
    expect(
      res.body.edges.map((e: any) => [
        e.status,
        e.counterpartRef ?? e.counterpartName,
        e.calls,
      ]),
    ).toEqual([
      ['undeclared', 'component:default/secret-scoring', 7],
      ['unknown-service', 'fraud-check', 40],
      ['not-observed', 'component:default/processing', 0],
      ['confirmed', 'component:default/validation', 120],
    ]);
    expect(res.body.edges[3]).toMatchObject({
      failureRate: 0.05,
      p95LatencyMs: 80,
      sources: ['tracing'],
    });
    expect(res.body.sources).toEqual([
      expect.objectContaining({ source: 'tracing', stale: false }),
    ]);
  });

  it('finds the undeclared call on both sides, with what to paste into the consumer', async () => {
    const ledger = await observed('component/default/ledger');
    const undeclared = ledger.body.edges.find(
      (e: any) => e.status === 'undeclared',
    );
    expect(undeclared).toMatchObject({
      direction: 'outgoing',
      counterpartRef: 'component:default/validation',
      calls: 12,
      suggestedSnippet: expect.stringContaining(
        '    - component:default/validation',
      ),
    });
    const validation = await observed('component/default/validation');
    expect(
      validation.body.edges.map((e: any) => [
        e.status,
        e.direction,
        e.counterpartRef,
      ]),
    ).toEqual([
      ['undeclared', 'incoming', 'component:default/ledger'],
      ['not-observed', 'incoming', 'component:default/reports'],
      ['confirmed', 'incoming', 'component:default/intake'],
    ]);
    // Messages go from processing to the ledger: the ledger consumes them.
    const processing = await observed('component/default/processing');
    expect(
      processing.body.edges.map((e: any) => [
        e.status,
        e.direction,
        e.counterpartRef,
      ]),
    ).toEqual([
      ['not-observed', 'incoming', 'component:default/intake'],
      ['confirmed', 'outgoing', 'resource:default/transactions-db'],
      ['confirmed', 'incoming', 'component:default/ledger'],
    ]);
  });

  it('counts undeclared and not-observed edges per team on the scorecard, each edge once', async () => {
    const res = await request(backend.server)
      .get('/api/integration-health/v1/scorecard?kind=team')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const observedOf = (ref: string) =>
      res.body.rows.find((r: any) => r.ref === ref)?.observed;
    // ledger → validation and intake → secret-scoring are undeclared;
    // intake → processing and reports → validation show no traffic.
    expect(observedOf('group:default/payments')).toEqual({
      undeclared: 2,
      notObserved: 2,
    });
    expect(observedOf('group:default/ledger')).toEqual({
      undeclared: 1,
      notObserved: 1,
    });
    expect(observedOf('group:default/platform')).toEqual({
      undeclared: 1,
      notObserved: 0,
    });
    const csv = await request(backend.server)
      .get('/api/integration-health/v1/scorecard?kind=team&format=csv')
      .set('Authorization', mockCredentials.user.header());
    const [, header, ...lines] = csv.text.trim().split('\n');
    const column = header.split(',').indexOf('undeclared');
    const payments = lines.find(l => l.startsWith('group:default/payments'));
    expect(payments!.split(',').slice(column, column + 2)).toEqual(['2', '2']);
  });

  it('draws observed edges on the map and follows them in the blast radius when asked', async () => {
    const graph = await request(backend.server)
      .get(
        '/api/integration-health/v1/entities/component/default/validation/graph?edges=both&depth=1',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(graph.status).toBe(200);
    expect(
      graph.body.observed
        .map((e: any) => `${e.status} ${e.consumerRef}`)
        .sort(),
    ).toEqual([
      'confirmed component:default/intake',
      'not-observed component:default/reports',
      'undeclared component:default/ledger',
    ]);
    const radius = (follow: string) =>
      request(backend.server)
        .get(
          `/api/integration-health/v1/entities/component/default/validation/blast-radius?follow=${follow}`,
        )
        .set('Authorization', mockCredentials.user.header());
    const declared = await radius('declared');
    expect(declared.body.consumers.map((c: any) => c.ref)).not.toContain(
      'component:default/ledger',
    );
    const both = await radius('both');
    expect(
      both.body.consumers.find(
        (c: any) => c.ref === 'component:default/ledger',
      ),
    ).toMatchObject({ depth: 1, via: 'observed' });
    expect((await radius('everything')).status).toBe(400);
  });

  it('marks on the calendar the declared consumer telemetry saw no traffic from', async () => {
    const created = await request(backend.server)
      .post('/api/integration-health/v1/calendar')
      .set('Authorization', mockCredentials.user.header())
      .send({
        apiRef: 'api:default/validation-api',
        title: 'Validation 2.0 drops the v1 routes',
        effectiveAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      });
    expect(created.status).toBe(201);
    const entry = await request(backend.server)
      .get(`/api/integration-health/v1/calendar/${created.body.id}`)
      .set('Authorization', mockCredentials.user.header());
    const trafficOf = Object.fromEntries(
      entry.body.consumers.map((c: any) => [c.consumerRef, c.traffic]),
    );
    expect(trafficOf).toEqual({
      'component:default/intake': {
        seen: true,
        lastSeenAt: expect.any(String),
      },
      'component:default/reports': { seen: false },
    });
  });

  it("links each incident to the integration's traffic an hour either side of it, in the sources that saw it", async () => {
    const integrations = await request(backend.server)
      .get(
        '/api/integration-health/v1/entities/component/default/intake/integrations',
      )
      .set('Authorization', mockCredentials.user.header());
    const toValidation = integrations.body.upstream.find(
      (i: any) => i.providerRef === 'component:default/validation',
    );
    const recorded = await request(backend.server)
      .post(
        `/api/integration-health/v1/integrations/${toValidation.id}/incidents`,
      )
      .set('Authorization', mockCredentials.user.header())
      .send({
        title: 'Validation timed out',
        occurredAt: '2026-12-01T10:00:00.000Z',
        resolvedAt: '2026-12-01T10:30:00.000Z',
        impact: { durationMinutes: 30 },
        postmortemUrls: [],
      });
    expect(recorded.status).toBe(201);
    const listed = await request(backend.server)
      .get(
        `/api/integration-health/v1/integrations/${toValidation.id}/incidents`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect(listed.body.items[0].observed).toEqual({
      from: '2026-12-01T09:00:00.000Z',
      to: '2026-12-01T11:30:00.000Z',
      links: [
        {
          source: 'tracing',
          url: 'https://tracing.example.com/graph?client=intake&server=validation&from=2026-12-01T09:00:00.000Z&to=2026-12-01T11:30:00.000Z',
        },
      ],
    });
  });

  it('takes no pushed observations from users', async () => {
    const res = await request(backend.server)
      .put('/api/integration-health/v1/observations')
      .set('Authorization', mockCredentials.user.header())
      .send({ windowStart, windowEnd, calls: [] });
    expect(res.status).toBe(403);
  });

  it('leaves out edges to entities the caller may not see, and answers 404 for a hidden entity', async () => {
    const outsider = mockCredentials.user('user:default/outsider');
    const res = await observed('component/default/intake', outsider);
    expect(
      res.body.edges.map((e: any) => e.counterpartRef ?? e.counterpartName),
    ).not.toContain('component:default/secret-scoring');
    expect(JSON.stringify(res.body)).not.toContain('secret-scoring');
    expect(
      (await observed('component/default/secret-scoring', outsider)).status,
    ).toBe(404);
  });
});

describe('observations pushed over REST', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    answer = traces;
    backend = await start('static');
    await synced(backend, `Bearer ${TOKENS.reader}`);
  });
  afterAll(() => backend.stop());

  it('takes pushed observations only from services allowed to push them, and refuses garbage with why', async () => {
    const push = (token: string, body: unknown, source = 'nightly') =>
      request(backend.server)
        .put(`/api/integration-health/v1/observations?source=${source}`)
        .set('Authorization', `Bearer ${token}`)
        .send(body as object);
    const body = {
      windowStart,
      windowEnd,
      calls: [
        { client: 'reports', server: 'validation', calls: 3 },
        { client: '', server: 'validation', calls: 1 },
        { client: 'x', server: 'y', calls: -1 },
      ],
    };
    const ok = await push(TOKENS.pusher, body);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      source: 'otel-exporter/nightly',
      recorded: 1,
      errors: [
        "an edge's client is not a service name of 1 to 255 characters",
        'the edge x → y has no count of calls',
      ],
    });
    // Now the reports' declared call is seen.
    const validation = await request(backend.server)
      .get(
        '/api/integration-health/v1/entities/component/default/validation/observed',
      )
      .set('Authorization', `Bearer ${TOKENS.reader}`);
    expect(
      validation.body.edges.find(
        (e: any) => e.counterpartRef === 'component:default/reports',
      ),
    ).toMatchObject({
      status: 'confirmed',
      sources: ['otel-exporter/nightly'],
    });

    expect((await push(TOKENS.other, body)).status).toBe(403);
    expect((await push(TOKENS.pusher, body, 'tracing')).status).toBe(403);
    for (const garbage of [
      [],
      { windowStart: 'yesterday', windowEnd, calls: [] },
      { windowStart: windowEnd, windowEnd: windowStart, calls: [] },
      { windowStart, windowEnd, calls: 'many' },
      {
        windowStart,
        windowEnd,
        calls: Array.from({ length: 50_001 }, () => ({})),
      },
    ]) {
      const res = await push(TOKENS.pusher, garbage);
      expect({ status: res.status, name: res.body.error?.name }).toEqual({
        status: 400,
        name: 'InputError',
      });
    }
  });
});
