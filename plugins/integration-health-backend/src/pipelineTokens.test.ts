import { createBackendModule } from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { integrationHealthEvidenceExtensionPoint } from '@integration-health/plugin-integration-health-node';
import request from 'supertest';
import { integrationHealthPlugin } from './plugin';
import { paymentsCatalog } from './testUtils/entities';

jest.setTimeout(60_000);

/**
 * Pipelines authenticate with real external access tokens (the backend's own
 * auth and permission services, no mocks): each token's access restrictions
 * decide what it may do, as an operator would configure them.
 */
const TOKENS = {
  orders: 'orders-ci-token-0001',
  billing: 'billing-ci-token-0002',
  announcer: 'release-bot-token-0003',
  readOnly: 'read-only-token-00004',
  squatter: 'pact-broker-token-005',
  unrestricted: 'unrestricted-token-006',
};
const push = {
  plugin: 'integration-health',
  permission: 'integration-health.evidence.push',
};

const externalAccess = [
  { token: TOKENS.orders, subject: 'orders-ci', restrictions: [push] },
  { token: TOKENS.billing, subject: 'billing-ci', restrictions: [push] },
  {
    token: TOKENS.announcer,
    subject: 'release-bot',
    restrictions: [
      {
        plugin: 'integration-health',
        permission: 'integration-health.breaking-change.announce',
      },
    ],
  },
  {
    token: TOKENS.readOnly,
    subject: 'dashboards',
    restrictions: [
      { plugin: 'integration-health', permissionAttribute: { action: 'read' } },
    ],
  },
  // An operator naming a pipeline like a registered source.
  { token: TOKENS.squatter, subject: 'pact-broker', restrictions: [push] },
  { token: TOKENS.unrestricted, subject: 'ops', restrictions: undefined },
].map(({ token, subject, restrictions }) => ({
  type: 'static',
  options: { token, subject },
  ...(restrictions ? { accessRestrictions: restrictions } : {}),
}));

/** A registered evidence source, as the Pact Broker module adds one. */
const brokerModule = createBackendModule({
  pluginId: 'integration-health',
  moduleId: 'test-broker',
  register(reg) {
    reg.registerInit({
      deps: { evidence: integrationHealthEvidenceExtensionPoint },
      async init({ evidence }) {
        evidence.addSource({
          id: 'pact-broker',
          collect: async () => ({ verifications: [], mocks: [] }),
        });
      },
    });
  },
});

describe('pipelines, authorized by their tokens through the permission framework', () => {
  let backend: TestBackend;
  let integrationId: string;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        integrationHealthPlugin,
        brokerModule,
        authServiceFactory,
        httpAuthServiceFactory,
        catalogServiceMock.factory({ entities: paymentsCatalog() }),
        mockServices.rootConfig.factory({
          data: {
            backend: { auth: { externalAccess } },
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
    for (let attempt = 0; attempt < 100 && !integrationId; attempt++) {
      const tab = await request(backend.server)
        .get(
          '/api/integration-health/v1/entities/component/default/ledger/integrations',
        )
        .set('Authorization', `Bearer ${TOKENS.unrestricted}`);
      integrationId = tab.body.upstream?.[0]?.id;
      if (!integrationId) await new Promise(r => setTimeout(r, 100));
    }
    if (!integrationId) throw new Error('The first sync did not run');
  });

  afterAll(() => backend.stop());

  const verify = (token: string, body: object = {}) =>
    request(backend.server)
      .post(
        `/api/integration-health/v1/integrations/${integrationId}/verifications`,
      )
      .set('Authorization', `Bearer ${token}`)
      .send({ result: 'passed', providerVersion: '1.0.0', ...body });
  const pushMocks = (token: string, body: object = {}) =>
    request(backend.server)
      .put(`/api/integration-health/v1/integrations/${integrationId}/mocks`)
      .set('Authorization', `Bearer ${token}`)
      .send({
        documents: [
          {
            name: 'events.json',
            format: 'pact',
            content: {
              consumer: { name: 'ledger' },
              provider: { name: 'processing' },
              messages: [
                {
                  description: 'a transaction was booked',
                  metaData: { channel: 'transactions.booked' },
                  contents: { transactionId: 't-1' },
                },
              ],
            },
          },
        ],
        ...body,
      });

  it('takes evidence from a token limited to pushing it, under the pipeline own source id', async () => {
    const res = await verify(TOKENS.orders, { source: 'contract-tests' });
    expect(res.status).toBe(201);
    expect(res.body.contract.evidence).toEqual([
      expect.objectContaining({ source: 'orders-ci/contract-tests' }),
    ]);
    const unlabelled = await verify(TOKENS.billing);
    expect(unlabelled.status).toBe(201);
    expect(unlabelled.body.contract.evidence).toEqual([
      expect.objectContaining({ source: 'billing-ci' }),
    ]);
  });

  it('refuses tokens whose restrictions do not include pushing evidence, and stores nothing', async () => {
    for (const token of [TOKENS.announcer, TOKENS.readOnly]) {
      const res = await verify(token, { providerVersion: '9.9.9' });
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect((await pushMocks(token)).status).toBe(403);
    }
    const after = await verify(TOKENS.orders, { source: 'contract-tests' });
    expect(
      after.body.contract.evidence.map((e: any) => e.providerVersion),
    ).not.toContain('9.9.9');
  });

  it('keeps one pipeline from replacing what another pushed under the same label', async () => {
    const first = await pushMocks(TOKENS.orders, { source: 'mocks' });
    expect(first.status).toBe(200);
    expect(first.body.mock.inputs.mocks).toBe(1);
    const second = await pushMocks(TOKENS.billing, { source: 'mocks' });
    expect(second.body.mock.inputs.mocks).toBe(2);
    // Pushing again replaces only the pipeline's own bundle.
    const again = await pushMocks(TOKENS.orders, { source: 'mocks' });
    expect(again.body.mock.inputs.mocks).toBe(2);
  });

  it('refuses the ids of registered sources and labels that could pose as another id', async () => {
    const named = await verify(TOKENS.orders, { source: 'pact-broker' });
    expect(named.status).toBe(403);
    expect(named.body.error.message).toContain('registered evidence source');
    const posing = await verify(TOKENS.squatter);
    expect(posing.status).toBe(403);
    const mocks = await pushMocks(TOKENS.orders, { source: 'pact-broker' });
    expect(mocks.status).toBe(403);
    const slash = await verify(TOKENS.orders, { source: '../billing-ci' });
    expect(slash.status).toBe(400);
    expect(slash.body.error.message).toContain('body.source');
  });

  it('answers 401 without a token and for a token it does not know', async () => {
    const anonymous = await request(backend.server)
      .post(
        `/api/integration-health/v1/integrations/${integrationId}/verifications`,
      )
      .send({ result: 'passed', providerVersion: '1.0.0' });
    expect(anonymous.status).toBe(401);
    expect((await verify('not-a-known-token')).status).toBe(401);
  });

  it('lets a token allowed to announce file a breaking change, and no other', async () => {
    const announce = (token: string) =>
      request(backend.server)
        .post('/api/integration-health/v1/calendar')
        .set('Authorization', `Bearer ${token}`)
        .send({
          apiRef: 'api:default/transaction-events',
          title: 'amount becomes a string',
          effectiveAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        });
    const filed = await announce(TOKENS.announcer);
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      title: 'amount becomes a string',
      origin: 'announced',
    });
    for (const token of [TOKENS.orders, TOKENS.readOnly]) {
      const refused = await announce(token);
      expect(refused.status).toBe(403);
    }
    const listed = await request(backend.server)
      .get(
        '/api/integration-health/v1/calendar?apiRef=api:default/transaction-events',
      )
      .set('Authorization', `Bearer ${TOKENS.unrestricted}`);
    expect(
      listed.body.items.filter((e: any) => e.origin === 'announced'),
    ).toHaveLength(1);
  });
});
