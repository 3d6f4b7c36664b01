import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { integrationHealthPlugin } from '../plugin';
import { paymentsCatalog } from '../testUtils/entities';

jest.setTimeout(60_000);

const API = '/api/integration-health';
const user = mockCredentials.user.header();
const pipeline = mockCredentials.service.header();

/** `[[[…]]]`, `depth` levels deep. */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/**
 * Inputs an attacker or a broken client sends: each gets a 4xx naming what
 * is wrong, never a 500 or a hang.
 */
describe('hostile input', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        integrationHealthPlugin,
        catalogServiceMock.factory({ entities: paymentsCatalog() }),
        // Requests without a token are unauthenticated, as in a real backend.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
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
  });

  afterAll(() => backend.stop());

  it.each([
    ['a kind with a slash', 'comp%2Fonent/default/intake', 'kind'],
    ['a NUL byte in the name', 'component/default/in%00take', 'name'],
    ['a colon in the kind', 'api%3Aevil/default/intake', 'kind'],
    ['a namespace that is ..', 'component/%2E%2E/intake', 'namespace'],
    ['a kind that is ..', '../default/intake', 'kind'],
  ])(
    'refuses an entity route with %s, naming the part',
    async (_, path, part) => {
      const res = await request(backend.server)
        .get(`${API}/v1/entities/${path}/integrations`)
        .set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(part);
    },
  );

  it('refuses a NUL byte in a ref inside a body, naming the field', async () => {
    const res = await request(backend.server)
      .post(`${API}/v1/evidence/verifications`)
      .set('Authorization', pipeline)
      .send({
        consumerRef: 'component:default/in\u0000take',
        providerRef: 'component:default/validation',
        result: 'passed',
        providerVersion: '1.0.0',
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('consumerRef');
  });

  it('refuses a JSON body nested 20,000 levels deep on every route that reads JSON', async () => {
    const body = `{"documents": [{"name": "deep", "format": "pact", "content": ${nested(
      20_000,
    )}}], "consumerRef": "component:default/intake", "providerRef": "component:default/validation"}`;
    for (const [method, path] of [
      ['put', '/v1/evidence/mocks'],
      ['post', '/v1/calendar/check'],
      ['post', '/v1/calendar'],
      ['post', '/v1/evidence/verifications'],
    ] as const) {
      const res = await request(backend.server)
        [method](`${API}${path}`)
        .set('Authorization', path.includes('evidence') ? pipeline : user)
        .set('Content-Type', 'application/json')
        .send(body);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.error.message).toMatch(/nest/i);
    }
  });

  it('answers a candidate whose $ref has malformed percent-encoding with what is wrong', async () => {
    const spec = (schemaRef: string) =>
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'validation-api', version: '2.0.0' },
        paths: {
          '/validate': {
            post: {
              requestBody: {
                content: {
                  'application/json': { schema: { $ref: schemaRef } },
                },
              },
              responses: { '200': { description: 'ok' } },
            },
          },
        },
        components: { schemas: { Request: { type: 'object' } } },
      });
    const res = await request(backend.server)
      .post(`${API}/v1/calendar/check`)
      .set('Authorization', user)
      .send({
        apiRef: 'api:default/validation-api',
        base: spec('#/components/schemas/Request'),
        spec: spec('#/components/schemas/%E0%A4%A'),
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      '$ref #/components/schemas/%E0%A4%A has malformed percent-encoding',
    );
  });

  it.each([
    ['POST', '/v1/calendar/feed.ics'],
    ['PUT', '/v1/calendar/feed.ics'],
    ['DELETE', '/v1/calendar/feed.ics'],
    ['GET', '/v1/calendar/feed.ics/anything'],
    ['GET', '/v1/calendar/FEED.ICS'],
    ['GET', '/v1/calendar/Feed.ics'],
  ])(
    'asks for credentials on %s %s: only GET of the feed itself is open',
    async (method, path) => {
      const res = await request(backend.server)[
        method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'
      ](`${API}${path}`);
      expect(res.status).toBe(401);
    },
  );

  it('opens GET of the feed to calendar clients, which the feed token admits or refuses', async () => {
    const res = await request(backend.server).get(
      `${API}/v1/calendar/feed.ics?token=not-a-token`,
    );
    expect(res.status).not.toBe(401);
    expect(res.status).toBeLessThan(500);
  });
});
