import { mockServices } from '@backstage/backend-test-utils';
import { getEventListeners } from 'node:events';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startFakePactBroker } from './fakePactBroker';
import { PactBrokerClient } from './PactBrokerClient';
import { PactBrokerSource } from './PactBrokerSource';

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
let broker: Awaited<ReturnType<typeof startFakePactBroker>>;
beforeEach(async () => {
  broker = await startFakePactBroker();
});
afterEach(() => broker.close());

function source(fullReadIntervalMs?: number) {
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
    fullReadIntervalMs,
  });
}

const collect = () =>
  source().collect({
    integrations: [intakeToValidation, legacyToProcessing],
    signal: new AbortController().signal,
  });

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
    ['answers malformed JSON', 'malformed' as const, /not a JSON document/],
    [
      'links to another host',
      'offsite-link' as const,
      /linked to http:\/\/elsewhere.example, which is not the broker/,
    ],
  ])(
    'fails with the reason when the broker %s, so the plugin keeps the earlier evidence and marks the source stale',
    async (_what, fault, message) => {
      await expect(collect()).resolves.toEqual(
        expect.objectContaining({ verifications: expect.any(Array) }),
      );
      broker.state.fault = fault;
      await expect(collect()).rejects.toThrow(message);
    },
  );

  it('stops asking a broker that does not answer when the sync gives up', async () => {
    broker.state.fault = 'hang';
    const controller = new AbortController();
    const found = source().collect({
      integrations: [intakeToValidation, legacyToProcessing],
      signal: controller.signal,
    });
    setTimeout(
      () => controller.abort(new Error('no answer within 0.2 s')),
      200,
    );
    await expect(found).rejects.toThrow();
    const asked = broker.state.requests.length;
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(broker.state.requests).toHaveLength(asked);
  });

  it('leaves no listener on the sync signal once its requests are answered, however many it makes', async () => {
    const controller = new AbortController();
    const client = new PactBrokerClient(broker.url, {
      token: 'read-only-token',
    });
    for (let i = 0; i < 50; i++) {
      await client.get('/integrations', controller.signal);
    }
    await source().collect({
      integrations: [intakeToValidation, legacyToProcessing],
      signal: controller.signal,
    });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('PactBrokerSource between full reads', () => {
  const pairRequests = () =>
    broker.state.requests.filter(r => r.url.startsWith('/pacts/')).length;
  const collectAfter = (
    cursor: string | undefined,
    fullReadIntervalMs?: number,
  ) =>
    source(fullReadIntervalMs).collect({
      integrations: [intakeToValidation, legacyToProcessing],
      signal: new AbortController().signal,
      cursor,
    });

  it('reads no pair when the dashboard shows nothing changed, and only the pair whose verification was published', async () => {
    const first = await collectAfter(undefined);
    expect(first.partial).toBe(false);
    expect(pairRequests()).toBe(4);

    broker.state.requests = [];
    const unchanged = await collectAfter(first.cursor);
    expect(unchanged).toEqual(
      expect.objectContaining({ partial: true, verifications: [], mocks: [] }),
    );
    // The integrations list (two pages), environments, deployments, dashboard.
    expect(broker.state.requests.map(r => r.url).sort()).toEqual([
      '/dashboard',
      '/environments',
      '/environments/e-prod/deployed-versions/currently-deployed',
      '/integrations',
      '/integrations?page=2',
    ]);

    broker.state.reverified = 1;
    broker.state.requests = [];
    const changed = await collectAfter(unchanged.cursor);
    expect(changed.partial).toBe(true);
    expect(changed.verifications).toEqual([
      expect.objectContaining({
        subject: intakeToValidation,
        verification: expect.objectContaining({
          verifiedAt: '2026-11-20T09:00:00+00:00',
        }),
      }),
      expect.objectContaining({ subject: intakeToValidation }),
    ]);
    expect(changed.mocks?.map(m => m.subject)).toEqual([intakeToValidation]);
    expect(
      broker.state.requests.some(r => r.url.includes('account-management')),
    ).toBe(false);
  });

  it('reads every pair again without a dashboard (missing or refused), when a pair is gone from the broker, when the last full read is old, and when the cursor is not its own', async () => {
    const first = await collectAfter(undefined);

    for (const dashboard of [false, 'forbidden' as const]) {
      broker.state.dashboard = dashboard;
      broker.state.requests = [];
      const withoutDashboard = await collectAfter(first.cursor);
      expect(withoutDashboard.partial).toBe(false);
      expect(pairRequests()).toBe(4);
    }
    broker.state.dashboard = true;

    broker.state.requests = [];
    const old = await collectAfter(first.cursor, 0);
    expect(old.partial).toBe(false);
    expect(pairRequests()).toBe(4);

    broker.state.requests = [];
    const garbage = await collectAfter('{"v": 99, "pairs": "no"}');
    expect(garbage.partial).toBe(false);
    expect(pairRequests()).toBe(4);

    // Deleted from the broker: a complete answer, so its mocks go.
    broker.state.legacyDeleted = true;
    broker.state.requests = [];
    const deleted = await collectAfter(first.cursor);
    expect(deleted.partial).toBe(false);
    expect(deleted.mocks?.map(m => m.subject)).toEqual([intakeToValidation]);
  });

  it('says a pair has no mocks any more when its pact is gone', async () => {
    const first = await collectAfter(undefined);
    broker.state.reverified = 1;
    broker.state.noIntakePact = true;
    const found = await collectAfter(first.cursor);
    expect(found.mocks).toEqual([
      { subject: intakeToValidation, documents: [] },
    ]);
  });
});
