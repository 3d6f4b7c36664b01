import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startFakePactBroker } from '../../__testUtils__/fakePactBroker';
import { createEvidenceStores } from '../../database/createEvidenceStores';
import { integrationId } from '../../database/IntegrationStore';
import { collectEvidence } from '../../evidence/collectEvidence';
import { PactBrokerClient } from './PactBrokerClient';
import { PactBrokerSource } from './PactBrokerSource';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const component = (
  name: string,
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

const intakeToValidation = {
  consumerRef: 'component:default/transaction-intake',
  providerRef: 'component:default/transaction-validation',
  apiRef: 'api:default/transaction-validation-api',
};
const legacyToProcessing = {
  consumerRef: 'component:default/account-management-legacy',
  providerRef: 'component:default/transaction-processing',
  apiRef: 'api:default/transaction-events',
};
const observed = [intakeToValidation, legacyToProcessing].map(s => ({
  ...s,
  kind: 'http' as const,
  sources: ['consumesApi' as const],
  findings: [],
}));

let broker: Awaited<ReturnType<typeof startFakePactBroker>>;
beforeEach(async () => {
  broker = await startFakePactBroker();
});
afterEach(() => broker.close());

function source() {
  return new PactBrokerSource({
    client: new PactBrokerClient(broker.url, { token: 'read-only-token' }),
    // The validation service is `validation-svc` in the broker.
    catalog: catalogServiceMock({
      entities: [
        component('transaction-validation', {
          'integration-health.io/pact-pacticipant': 'validation-svc',
        }),
        component('transaction-intake'),
      ],
    }),
    auth: mockServices.auth(),
    productionEnvironment: 'production',
  });
}

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const stores = await createEvidenceStores(mockServices.database({ knex }));
  let day = 0;
  const run = () =>
    collectEvidence({
      sources: [source()],
      integrations: observed,
      stores,
      logger: mockServices.logger.mock(),
      timeoutMs: 1500,
      maxMockDocumentBytes: 100_000,
      now: new Date(Date.UTC(2026, 10, 21 + day++)),
    });
  return { ...stores, run };
}

describe('PactBrokerSource', () => {
  it('reads pacts, latest verifications with the broker status, and the production pair, across pages', async () => {
    const found = await source().collect({
      integrations: [intakeToValidation, legacyToProcessing],
      signal: new AbortController().signal,
    });
    expect(found.verifications).toEqual([
      {
        subject: intakeToValidation,
        verification: {
          source: 'pact-broker',
          result: 'passed',
          providerVersion: '1.3.0',
          consumerVersion: 'intake-4f2a9c1',
          verifiedAt: '2026-11-20T08:00:00+00:00',
          url: 'https://ci.example.com/validation/builds/77',
          note: undefined,
        },
      },
      {
        subject: intakeToValidation,
        verification: expect.objectContaining({
          result: 'passed',
          providerVersion: '1.3.0',
          environment: 'production',
          providerInProduction: true,
        }),
      },
      {
        subject: legacyToProcessing,
        verification: expect.objectContaining({
          providerVersion: '1.0.0',
          note: 'stale in the broker: the latest pact has changed since this verification',
        }),
      },
    ]);
    expect(found.mocks).toEqual([
      {
        subject: intakeToValidation,
        documents: [
          expect.objectContaining({
            name: 'pact transaction-intake → validation-svc (consumer intake-4f2a9c1)',
            format: 'pact',
            madeFromVersion: '1.3.0',
            content: expect.not.objectContaining({ _links: expect.anything() }),
          }),
        ],
      },
      {
        subject: legacyToProcessing,
        documents: [expect.objectContaining({ format: 'pact' })],
      },
    ]);
    // The pair with a consumer the catalog does not know is skipped; the token is sent.
    expect(
      broker.state.requests.some(r => r.url.includes('not-in-the-catalog')),
    ).toBe(false);
    expect(
      broker.state.requests.every(
        r => r.authorization === 'Bearer read-only-token',
      ),
    ).toBe(true);
  });

  it.each([
    ['answers 500', '500' as const, /answered 500 Internal Server Error/],
    ['times out', 'hang' as const, /no answer within 1.5 s/],
    ['answers malformed JSON', 'malformed' as const, /not a JSON document/],
    [
      'links to another host',
      'offsite-link' as const,
      /linked to http:\/\/elsewhere.example, which is not the broker/,
    ],
  ])(
    'keeps the earlier evidence and marks the source stale when the broker %s',
    async (_what, fault, message) => {
      const { evidenceStore, mockStore, sourceStore, run } = await setup();
      expect((await run()).errors).toEqual([]);
      const id = integrationId(
        intakeToValidation.consumerRef,
        intakeToValidation.providerRef,
        intakeToValidation.apiRef,
      );
      const before = {
        verifications: await evidenceStore.latestVerifications(id),
        mocks: await mockStore.listMocks(id),
      };
      // The latest verification and the production pair's.
      expect(before.verifications).toHaveLength(2);
      expect(before.mocks).toHaveLength(1);

      broker.state.fault = fault;
      const result = await run();
      expect(result.errors).toEqual([
        expect.objectContaining({
          code: 'evidence-source-failed',
          message: expect.stringMatching(message),
        }),
      ]);
      expect(await evidenceStore.latestVerifications(id)).toEqual(
        before.verifications,
      );
      expect(await mockStore.listMocks(id)).toEqual(before.mocks);
      expect(await sourceStore.listSources()).toEqual([
        expect.objectContaining({
          source: 'pact-broker',
          stale: true,
          lastError: expect.stringMatching(message),
        }),
      ]);
    },
  );
});
