import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createStores } from '../database/createStores';
import {
  integrationId,
  ObservedIntegration,
} from '../integrations/IntegrationStore';
import { toEntitySummary } from '../integrations/sync/catalogSnapshot';
import { ObservationService } from '../observations/ObservationService';
import { entity } from '../testUtils/entities';
import { IntegrationGraphService } from './IntegrationGraphService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});
const OUTSIDER = 'user:default/outsider';

const refs = {
  gateway: 'component:default/api-gateway',
  mock: 'component:default/mock-server',
  intake: 'component:default/intake',
  intakeApi: 'api:default/intake-api',
  processing: 'component:default/processing',
  events: 'api:default/transaction-events',
  ledger: 'component:default/ledger',
  legacy: 'component:default/legacy',
  db: 'resource:default/transactions-db',
};

function declared(
  consumer: string,
  provider: string,
  api?: string,
  kind: ObservedIntegration['kind'] = api ? 'http' : 'other',
): ObservedIntegration {
  return {
    consumerRef: consumer,
    providerRef: provider,
    apiRef: api,
    kind,
    sources: api ? ['consumesApi', 'providesApi'] : ['dependsOn'],
    findings: [],
  };
}

const now = new Date('2026-12-03T12:00:00Z');

/**
 * The catalog declares five integrations. Telemetry saw the gateway call
 * intake (2% failing), intake call processing, processing write to the
 * database, and the legacy system call processing, which nobody declared;
 * nobody saw the mock server call intake, nor ledger receive processing's
 * events.
 */
describe.each(databases.eachSupportedId())('observed map on %s', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    const stores = await createStores(mockServices.database({ knex }));
    await stores.integrationStore.replaceIntegrations(
      [
        declared(refs.gateway, refs.intake, refs.intakeApi),
        declared(refs.mock, refs.intake, refs.intakeApi),
        declared(refs.intake, refs.processing),
        declared(refs.processing, refs.db, undefined, 'database'),
        declared(refs.ledger, refs.processing, refs.events, 'event'),
      ],
      now,
    );
    const entities = Object.values(refs).map(ref => entity(ref));
    const catalog = catalogServiceMock({ entities });
    // The outsider may not read the legacy system, as a policy would decide.
    const getEntitiesByRefs = catalog.getEntitiesByRefs.bind(catalog);
    catalog.getEntitiesByRefs = async (request, options: any) => {
      const result = await getEntitiesByRefs(request, options);
      const outsider =
        options?.credentials?.principal?.userEntityRef === OUTSIDER;
      return {
        items: result.items.map((item, i) =>
          outsider && request.entityRefs[i] === refs.legacy ? undefined : item,
        ),
      };
    };
    const observations = new ObservationService({
      sources: [
        {
          id: 'tempo',
          collect: async () => ({
            windowStart: new Date(now.getTime() - 3_600_000).toISOString(),
            windowEnd: now.toISOString(),
            calls: [
              {
                client: 'api-gateway',
                server: 'intake',
                calls: 5000,
                failedCalls: 100,
                p95LatencyMs: 80,
              },
              { client: 'intake', server: 'processing', calls: 4000 },
              {
                client: 'processing',
                server: 'transactions-db',
                connectionType: 'database',
                calls: 9000,
              },
              { client: 'legacy', server: 'processing', calls: 40 },
            ],
          }),
        },
      ],
      store: stores.observationStore,
      sourceStore: stores.observationSourceStore,
      integrationStore: stores.integrationStore,
      catalog,
      permissions: mockServices.permissions(),
      config: {
        sourceTimeoutSeconds: 5,
        notObservedDays: 14,
        retentionDays: 30,
      },
      logger: mockServices.logger.mock(),
    });
    await observations.sync(
      {
        entities: new Map(
          entities.map(e => [toEntitySummary(e).ref, toEntitySummary(e)]),
        ),
      },
      now,
    );
    return new IntegrationGraphService({
      catalog,
      integrationStore: stores.integrationStore,
      scoreStore: { getScores: async () => new Map() },
      observations,
    });
  }

  const user = mockCredentials.user();
  const limits = { depth: 1, maxNodes: 100 };

  it('shows declared edges only unless asked, as before', async () => {
    const graph = await (
      await setup()
    ).getGraph(refs.processing, 'both', limits, user, 'declared', now);
    expect(graph.observed).toBeUndefined();
    expect(graph.nodes.map(n => n.ref)).not.toContain(refs.legacy);
  });

  it('with both, classifies every edge on the map and walks to undeclared callers', async () => {
    const graph = await (
      await setup()
    ).getGraph(refs.processing, 'both', limits, user, 'both', now);
    expect(graph.view).toBe('both');
    expect(graph.nodes.map(n => n.ref).sort()).toEqual(
      [refs.processing, refs.db, refs.intake, refs.ledger, refs.legacy].sort(),
    );
    expect(graph.edges).toHaveLength(3);
    const byPair = Object.fromEntries(
      graph.observed!.map(e => [`${e.consumerRef} > ${e.providerRef}`, e]),
    );
    expect(Object.keys(byPair).sort()).toEqual(
      [
        `${refs.processing} > ${refs.db}`,
        `${refs.intake} > ${refs.processing}`,
        `${refs.legacy} > ${refs.processing}`,
        `${refs.ledger} > ${refs.processing}`,
      ].sort(),
    );
    expect(byPair[`${refs.processing} > ${refs.db}`]).toMatchObject({
      status: 'confirmed',
      connectionType: 'database',
      calls: 9000,
      integrationId: integrationId(refs.processing, refs.db, undefined),
      sources: ['tempo'],
    });
    expect(byPair[`${refs.legacy} > ${refs.processing}`]).toMatchObject({
      status: 'undeclared',
      calls: 40,
      reason: `${refs.legacy} uses ${refs.processing} in production, but the catalog does not declare it`,
    });
    expect(byPair[`${refs.ledger} > ${refs.processing}`]).toMatchObject({
      status: 'not-observed',
      calls: 0,
      integrationId: integrationId(refs.ledger, refs.processing, refs.events),
    });
  });

  it('with observed, walks only what telemetry saw, with failure rate and latency', async () => {
    const service = await setup();
    const graph = await service.getGraph(
      refs.intake,
      'both',
      limits,
      user,
      'observed',
      now,
    );
    expect(graph.edges).toEqual([]);
    // The mock server is declared but never seen calling intake.
    expect(graph.nodes.map(n => n.ref).sort()).toEqual(
      [refs.intake, refs.gateway, refs.processing].sort(),
    );
    expect(
      graph.observed!.find(e => e.consumerRef === refs.gateway),
    ).toMatchObject({
      status: 'confirmed',
      calls: 5000,
      failureRate: 0.02,
      p95LatencyMs: 80,
    });
    expect(graph.observed!.map(e => e.status)).not.toContain('not-observed');
  });

  it('follows undeclared calls into the blast radius only when asked', async () => {
    const service = await setup();
    const limits3 = { depth: 3, maxNodes: 100 };
    const declaredOnly = await service.getBlastRadius(
      refs.db,
      limits3,
      user,
      'declared',
      now,
    );
    expect(declaredOnly.consumers.map(c => c.ref)).not.toContain(refs.legacy);
    const both = await service.getBlastRadius(
      refs.db,
      limits3,
      user,
      'both',
      now,
    );
    expect(both.follows).toBe('both');
    expect(both.consumers.find(c => c.ref === refs.legacy)).toEqual({
      ref: refs.legacy,
      depth: 2,
      path: [refs.db, refs.processing, refs.legacy],
      via: 'observed',
    });
    expect(both.consumers.find(c => c.ref === refs.intake)?.via).toBe(
      undefined,
    );
  });

  it('leaves out observed edges to what the caller may not read', async () => {
    const service = await setup();
    const outsider = mockCredentials.user(OUTSIDER);
    const graph = await service.getGraph(
      refs.processing,
      'both',
      limits,
      outsider,
      'both',
      now,
    );
    expect(graph.nodes.map(n => n.ref)).not.toContain(refs.legacy);
    expect(graph.observed!.map(e => e.consumerRef)).not.toContain(refs.legacy);
    const radius = await service.getBlastRadius(
      refs.db,
      { depth: 3, maxNodes: 100 },
      outsider,
      'both',
      now,
    );
    expect(radius.consumers.map(c => c.ref)).not.toContain(refs.legacy);
  });
});
