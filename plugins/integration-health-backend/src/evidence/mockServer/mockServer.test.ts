import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { MOCK_SERVER_ANNOTATION } from '@integration-health/plugin-integration-health-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { integrationHealthPlugin } from '../../plugin';
import { entity } from '../../testUtils/entities';

jest.setTimeout(60_000);

/** An API entity of the demo, as the catalog serves it. */
function exampleApi(
  name: string,
  providedBy: string,
  annotations: Record<string, string> = {},
) {
  const file = path.resolve(
    __dirname,
    '../../../../../examples/apis',
    name,
    'api.yaml',
  );
  const api = parse(fs.readFileSync(file, 'utf8'));
  return {
    ...api,
    metadata: {
      ...api.metadata,
      namespace: 'default',
      etag: `${name}-2`,
      annotations: { ...api.metadata.annotations, ...annotations },
    },
    relations: [
      { type: 'apiProvidedBy', targetRef: providedBy },
      { type: 'ownedBy', targetRef: 'group:default/payments' },
    ],
  };
}

const catalog = [
  entity('group:default/payments'),
  entity('group:default/ledger'),
  entity('component:default/processing', {
    owner: 'group:default/payments',
    relations: { providesApi: ['api:default/transaction-events'] },
  }),
  entity('component:default/intake', {
    owner: 'group:default/payments',
    relations: { providesApi: ['api:default/transaction-intake-api'] },
  }),
  entity('component:default/ledger', {
    owner: 'group:default/ledger',
    relations: {
      consumesApi: [
        'api:default/transaction-events',
        'api:default/transaction-intake-api',
      ],
    },
  }),
  // Only the intake API opts in.
  exampleApi('transaction-events', 'component:default/processing'),
  exampleApi('transaction-intake-api', 'component:default/intake', {
    [MOCK_SERVER_ANNOTATION]: 'enabled',
  }),
];

/** Real external access tokens, restricted as an operator would. */
const TOKENS = {
  ledgerTests: 'ledger-test-env-token-01',
  pusher: 'ledger-ci-push-token-002',
  unrestricted: 'unrestricted-token-0003',
};
const externalAccess = [
  {
    token: TOKENS.ledgerTests,
    subject: 'ledger-test-env',
    restrictions: [
      {
        plugin: 'integration-health',
        permission: 'integration-health.mock-server.use',
      },
    ],
  },
  {
    token: TOKENS.pusher,
    subject: 'ledger-ci',
    restrictions: [
      {
        plugin: 'integration-health',
        permission: 'integration-health.evidence.push',
      },
    ],
  },
  { token: TOKENS.unrestricted, subject: 'ops', restrictions: undefined },
].map(({ token, subject, restrictions }) => ({
  type: 'static',
  options: { token, subject },
  ...(restrictions ? { accessRestrictions: restrictions } : {}),
}));

/**
 * The ledger's own pact with the intake API, as pact-js writes it: what the
 * ledger sends and what it expects back (by type).
 */
type PactInteraction = {
  description: string;
  providerState?: string;
  request: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: unknown;
  };
  response: {
    status: number;
    headers: Record<string, string>;
    body: unknown;
    matchingRules?: unknown;
  };
};

const ledgerPact: {
  consumer: { name: string };
  provider: { name: string };
  interactions: PactInteraction[];
  metadata: unknown;
} = {
  consumer: { name: 'ledger' },
  provider: { name: 'intake' },
  interactions: [
    {
      description: 'a transaction is submitted',
      request: {
        method: 'POST',
        path: '/v2/transactions',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': 'ledger-7f3a',
        },
        body: {
          accountRef: 'GB33BUKB20201555555555',
          merchantId: 'm-42',
          amount: { amount: '12.50', currency: 'EUR' },
        },
      },
      response: {
        status: 202,
        headers: { 'Content-Type': 'application/json' },
        body: {
          id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
          status: 'pending',
          createdAt: '2024-05-01T10:00:00Z',
          accountRef: 'GB33BUKB20201555555555',
          amount: { amount: '12.50', currency: 'EUR' },
        },
        matchingRules: { body: { $: { match: 'type' } } },
      },
    },
    {
      description: 'a transaction is looked up',
      request: {
        method: 'GET',
        path: '/v2/transactions/3f2504e0-4f89-41d3-9a0c-0305e82c3301',
      },
      response: {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: {
          id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
          status: 'booked',
          merchantId: 'm-42',
        },
        matchingRules: { body: { $: { match: 'type' } } },
      },
    },
    {
      description: 'an unknown transaction is looked up',
      providerState: 'no transaction 0000…',
      request: {
        method: 'GET',
        path: '/v2/transactions/00000000-0000-4000-8000-000000000000',
        // How a Prism-style mock is asked for an error response.
        headers: { Prefer: 'code=404' },
      },
      response: {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
        body: { title: 'Not found', status: 404 },
        matchingRules: { body: { $: { match: 'type' } } },
      },
    },
  ],
  metadata: { pactSpecification: { version: '3.0.0' } },
};

/** Where a body differs from what the pact expects, matching by type. */
function typeMismatches(
  expected: unknown,
  actual: unknown,
  at = '$',
): string[] {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) ? [] : [`${at} is not an array`];
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) {
      return [`${at} is not an object`];
    }
    return Object.entries(expected).flatMap(([key, value]) =>
      key in actual
        ? typeMismatches(value, (actual as any)[key], `${at}.${key}`)
        : [`${at}.${key} is missing`],
    );
  }
  return typeof actual === typeof expected
    ? []
    : [`${at} is ${typeof actual}, not ${typeof expected}`];
}

describe('the provider mock server, called by services over HTTP', () => {
  let backend: TestBackend;
  let baseUrl: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        integrationHealthPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        catalogServiceMock.factory({ entities: catalog }),
        mockServices.rootConfig.factory({
          data: {
            backend: { auth: { externalAccess } },
            integrationHealth: {
              mockServer: { enabled: true },
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
    baseUrl = `http://localhost:${backend.server.port()}/api/integration-health/v1/mock-server`;
    for (
      let attempt = 0;
      attempt < 100 && Object.keys(ids).length < 2;
      attempt++
    ) {
      const tab = await request(backend.server)
        .get(
          '/api/integration-health/v1/entities/component/default/ledger/integrations',
        )
        .set('Authorization', `Bearer ${TOKENS.unrestricted}`);
      for (const i of tab.body.upstream ?? []) ids[i.apiRef] = i.id;
      if (Object.keys(ids).length < 2)
        await new Promise(r => setTimeout(r, 100));
    }
    if (Object.keys(ids).length < 2)
      throw new Error('The first sync did not run');
  });

  afterAll(() => backend.stop());

  const intake = () =>
    `${baseUrl}/${ids['api:default/transaction-intake-api']}`;
  const call = (
    url: string,
    init: RequestInit = {},
    token = TOKENS.ledgerTests,
  ) =>
    fetch(url, {
      ...init,
      headers: { ...init.headers, Authorization: `Bearer ${token}` },
    });

  it("answers every request of the consumer's own pact as the provider's current spec would", async () => {
    for (const interaction of ledgerPact.interactions) {
      const { request: sent, response: expected } = interaction;
      const res = await call(`${intake()}${sent.path}`, {
        method: sent.method,
        headers: sent.headers,
        body: sent.body === undefined ? undefined : JSON.stringify(sent.body),
      });
      const text = await res.text();
      expect({
        interaction: interaction.description,
        status: res.status,
      }).toEqual({
        interaction: interaction.description,
        status: expected.status,
      });
      expect(res.headers.get('content-type')).toContain(
        expected.headers['Content-Type'],
      );
      expect({
        interaction: interaction.description,
        mismatches: typeMismatches(expected.body, JSON.parse(text)),
      }).toEqual({ interaction: interaction.description, mismatches: [] });
    }
  });

  it('matches the path template for any valid values, with or without the base path', async () => {
    const res = await call(
      `${intake()}/transactions/9b2d8e1a-7c4f-4e2b-8a61-2f0c5d3e4b7a`,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: expect.any(String) });
  });

  it('answers 400 saying why, as the provider would, for a request its spec does not accept', async () => {
    const notAnId = await call(`${intake()}/v2/transactions/not-a-uuid`);
    expect(notAnId.status).toBe(400);
    expect((await notAnId.json()).error).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^GET \/v2\/transactions\/not-a-uuid is not a request GET \/transactions\/\{transactionId\} of api:default\/transaction-intake-api accepts: Path values \(transactionId = "not-a-uuid"\) do not match the path parameters of GET \/transactions\/\{transactionId\}/,
      ),
    });
    // The pact's own submission, with the amount as a number and without
    // its idempotency key.
    const [submit] = ledgerPact.interactions;
    const wrongBody = await call(`${intake()}/v2/transactions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        ...(submit.request.body as object),
        amount: 12.5,
      }),
    });
    expect(wrongBody.status).toBe(400);
    const { message } = (await wrongBody.json()).error;
    expect(message).toContain('amount');
    expect(message).toContain('Idempotency-Key');
    const notJson = await call(`${intake()}/v2/transactions`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': 'k-1',
      },
      body: '{"accountRef": ',
    });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toContain(
      'the request body is not JSON',
    );
  });

  it('answers 404 naming the operations there are when no operation matches', async () => {
    const res = await call(`${intake()}/v2/refunds`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      error: {
        name: 'NotFoundError',
        message:
          'No operation of api:default/transaction-intake-api matches POST /v2/refunds; it has: GET /transactions/{transactionId}, POST /transactions',
      },
    });
  });

  it('answers 404 for an API that has not opted in', async () => {
    const res = await call(
      `${baseUrl}/${ids['api:default/transaction-events']}/transactions.booked`,
    );
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBe(
      'api:default/transaction-events has not enabled its mock server: its API entity needs the annotation integration-health.io/mock-server: enabled',
    );
  });

  it('refuses a service token without the permission, and unknown tokens', async () => {
    const res = await call(`${intake()}/v2/transactions/x`, {}, TOKENS.pusher);
    expect(res.status).toBe(403);
    expect((await res.json()).error.name).toBe('NotAllowedError');
    const unknown = await call(`${intake()}/v2/transactions/x`, {}, 'nope');
    expect(unknown.status).toBe(401);
  });

  it('judges hostile bodies under 1 MB without a 500 or a stall: deep nesting, many fields, long strings', async () => {
    const headers = {
      'Content-Type': 'application/json',
      'Idempotency-Key': 'k-1',
    };
    const depth = 100_000;
    const bodies = [
      `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
      `${'['.repeat(depth)}${']'.repeat(depth)}`,
      JSON.stringify(
        Object.fromEntries(
          Array.from({ length: 40_000 }, (_, i) => [`f${i}`, i]),
        ),
      ),
      JSON.stringify({ accountRef: 'x'.repeat(900_000) }),
    ];
    for (const body of bodies) {
      const started = Date.now();
      const res = await call(`${intake()}/v2/transactions`, {
        method: 'POST',
        headers,
        body,
      });
      const answer = await res.json();
      expect({ status: res.status, name: answer.error?.name }).toEqual({
        status: 400,
        name: 'InputError',
      });
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });

  it('refuses a body over 1 MB and a path over 2 KB', async () => {
    const big = await call(`${intake()}/v2/transactions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect((await big.json()).error.name).toBe('PayloadTooLargeError');
    const long = await call(`${intake()}/v2/transactions/${'x'.repeat(2100)}`);
    expect(long.status).toBe(414);
  });

  it('limits the requests per integration with 429 and Retry-After', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        call(
          `${intake()}/v2/transactions/9b2d8e1a-7c4f-4e2b-8a61-2f0c5d3e4b7a`,
        ).then(async res => ({
          status: res.status,
          retryAfter: res.headers.get('retry-after'),
          body: await res.text(),
        })),
      ),
    );
    const limited = answers.filter(a => a.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(answers.filter(a => a.status === 200).length).toBeGreaterThan(0);
    expect(answers.every(a => a.status === 200 || a.status === 429)).toBe(true);
    expect(Number(limited[0].retryAfter)).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(limited[0].body).error.name).toBe('TooManyRequestsError');
  });
});

describe('the provider mock server, off and for users', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        integrationHealthPlugin,
        catalogServiceMock.factory({ entities: catalog }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
  });

  afterAll(() => backend.stop());

  it('refuses users, and serves nothing unless integrationHealth.mockServer.enabled', async () => {
    const url = `/api/integration-health/v1/mock-server/${'a'.repeat(
      64,
    )}/v2/transactions`;
    const user = await request(backend.server)
      .get(url)
      .set('Authorization', mockCredentials.user.header());
    expect(user.status).toBe(403);
    const service = await request(backend.server)
      .get(url)
      .set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(404);
    expect(service.body.error.message).toContain(
      'integrationHealth.mockServer.enabled',
    );
  });
});
