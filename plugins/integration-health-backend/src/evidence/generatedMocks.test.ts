import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { integrationHealthPlugin } from '../plugin';
import { catalogHiding } from '../__testUtils__/catalogHiding';
import { entity } from '../testUtils/entities';

jest.setTimeout(60_000);

const OUTSIDER = 'user:default/outsider';

/** An API entity of the demo, as the catalog serves it. */
function exampleApi(name: string, providedBy: string) {
  const file = path.resolve(
    __dirname,
    '../../../../examples/apis',
    name,
    'api.yaml',
  );
  const api = parse(fs.readFileSync(file, 'utf8'));
  return {
    ...api,
    metadata: { ...api.metadata, namespace: 'default', etag: `${name}-2` },
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
  exampleApi('transaction-events', 'component:default/processing'),
  exampleApi('transaction-intake-api', 'component:default/intake'),
];

describe('mocks generated for a consumer from the current spec', () => {
  let backend: TestBackend;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        integrationHealthPlugin,
        catalogHiding(catalog, { [OUTSIDER]: ['component:default/ledger'] }),
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
    for (
      let attempt = 0;
      attempt < 100 && Object.keys(ids).length < 2;
      attempt++
    ) {
      const tab = await request(backend.server)
        .get(
          '/api/integration-health/v1/entities/component/default/ledger/integrations',
        )
        .set('Authorization', mockCredentials.user.header());
      for (const i of tab.body.upstream ?? []) ids[i.apiRef] = i.id;
      if (Object.keys(ids).length < 2)
        await new Promise(r => setTimeout(r, 100));
    }
  });

  afterAll(() => backend.stop());

  const generated = (
    apiRef: string,
    format: string,
    who = mockCredentials.user.header(),
  ) =>
    request(backend.server)
      .get(
        `/api/integration-health/v1/integrations/${ids[apiRef]}/generated-mocks?format=${format}`,
      )
      .set('Authorization', who);

  it('generates WireMock mappings and a pact of every operation when the consumer has no mocks yet, stamped with the version', async () => {
    const wiremock = await generated(
      'api:default/transaction-intake-api',
      'wiremock',
    );
    expect(wiremock.status).toBe(200);
    expect(wiremock.body).toMatchObject({
      format: 'wiremock',
      specVersion: '2.0.0',
      fileName: expect.stringMatching(/\.json$/),
    });
    expect(wiremock.body.operations.length).toBeGreaterThan(1);
    expect(wiremock.body.content.mappings).toHaveLength(
      wiremock.body.stubs.length,
    );
    expect(
      wiremock.body.content.mappings.every(
        (m: any) => m.metadata?.specVersion === '2.0.0',
      ),
    ).toBe(true);

    const pact = await generated('api:default/transaction-events', 'pact');
    expect(pact.status).toBe(200);
    expect(pact.body.content.metadata['integration-health']).toEqual({
      specVersion: '2.0.0',
    });
    expect(pact.body.operations).toEqual(
      expect.arrayContaining([expect.stringContaining('transactions.booked')]),
    );
  });

  it('raises mock freshness to 100 once the generated bundle is pushed back as the consumer mocks', async () => {
    for (const apiRef of Object.keys(ids)) {
      const format = apiRef.endsWith('events') ? 'pact' : 'wiremock';
      const bundle = (await generated(apiRef, format)).body;
      const pushed = await request(backend.server)
        .put(`/api/integration-health/v1/integrations/${ids[apiRef]}/mocks`)
        .set('Authorization', mockCredentials.service.header())
        .send({
          documents: [
            { name: bundle.fileName, format, content: bundle.content },
          ],
        });
      expect({ apiRef, status: pushed.status }).toEqual({
        apiRef,
        status: 200,
      });
      expect({ apiRef, summary: pushed.body.mock.summary }).toEqual({
        apiRef,
        summary: expect.stringContaining('all valid'),
      });
      expect(pushed.body.mock.inputs.validMocks).toBe(bundle.stubs.length);
      expect({ apiRef, value: pushed.body.mock.value }).toEqual({
        apiRef,
        value: 100,
      });
    }
  });

  it('refuses a format the API cannot have, a format it does not know, and an integration the caller cannot see', async () => {
    const wiremockOfEvents = await generated(
      'api:default/transaction-events',
      'wiremock',
    );
    expect(wiremockOfEvents.status).toBe(400);
    expect(wiremockOfEvents.body.error.name).toBe('InputError');
    const har = await generated('api:default/transaction-events', 'har');
    expect(har.status).toBe(400);
    expect(har.body.error.message).toContain('format');
    const hidden = await generated(
      'api:default/transaction-events',
      'pact',
      mockCredentials.user.header(OUTSIDER),
    );
    expect(hidden.status).toBe(404);
    const anonymous = await request(backend.server).get(
      `/api/integration-health/v1/integrations/${ids['api:default/transaction-events']}/generated-mocks`,
    );
    expect(anonymous.status).toBe(401);
  });
});
