import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ObservedIntegration } from '../integrations/IntegrationStore';
import { entity } from '../testUtils/entities';
import { IntegrationGraphService } from './IntegrationGraphService';
import { createStores } from '../database/createStores';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const OUTSIDER = 'user:default/outsider';

function edge(
  consumer: string,
  provider: string,
  api?: string,
): ObservedIntegration {
  return {
    consumerRef: consumer,
    providerRef: provider,
    apiRef: api,
    kind: api ? 'http' : 'other',
    sources: api ? ['consumesApi', 'providesApi'] : ['dependsOn'],
    findings: [],
  };
}

const refs = {
  gateway: 'component:default/api-gateway',
  mock: 'component:default/mock-server',
  intake: 'component:default/intake',
  intakeApi: 'api:default/intake-api',
  processing: 'component:default/processing',
  events: 'api:default/transaction-events',
  ledger: 'component:default/ledger',
  db: 'resource:default/transactions-db',
};

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const integrationStore = (await createStores(mockServices.database({ knex })))
    .integrationStore;
  await integrationStore.replaceIntegrations(
    [
      edge(refs.gateway, refs.intake, refs.intakeApi),
      edge(refs.mock, refs.intake, refs.intakeApi),
      edge(refs.intake, refs.processing),
      edge(refs.processing, refs.db),
      edge(refs.ledger, refs.processing, refs.events),
    ],
    new Date(),
  );
  const catalog = catalogServiceMock({
    entities: Object.values(refs).map(ref => entity(ref)),
  });
  // The outsider may not read the ledger, as a permission policy would decide.
  const getEntitiesByRefs = catalog.getEntitiesByRefs.bind(catalog);
  catalog.getEntitiesByRefs = async (request, options: any) => {
    const result = await getEntitiesByRefs(request, options);
    const outsider =
      options?.credentials?.principal?.userEntityRef === OUTSIDER;
    return {
      items: result.items.map((item, i) =>
        outsider && request.entityRefs[i] === refs.ledger ? undefined : item,
      ),
    };
  };
  return new IntegrationGraphService({
    catalog,
    integrationStore,
    scoreStore: { getScores: async () => new Map() },
  });
}

const user = mockCredentials.user();

describe('IntegrationGraphService', () => {
  it('walks both directions to the requested depth', async () => {
    const graph = await (
      await setup()
    ).getGraph(refs.processing, 'both', { depth: 1, maxNodes: 100 }, user);
    expect(graph.nodes.map(({ ref, depth }) => ({ ref, depth }))).toEqual([
      { ref: refs.processing, depth: 0 },
      { ref: refs.db, depth: 1 },
      { ref: refs.intake, depth: 1 },
      { ref: refs.ledger, depth: 1 },
    ]);
    // Without evidence no node has a score, and each counts its seams here.
    expect(graph.nodes.map(n => n.health)).toEqual([
      { lowestScore: undefined, integrations: 3, withEvidence: 0 },
      { lowestScore: undefined, integrations: 1, withEvidence: 0 },
      { lowestScore: undefined, integrations: 1, withEvidence: 0 },
      { lowestScore: undefined, integrations: 1, withEvidence: 0 },
    ]);
    expect(graph.edges).toHaveLength(3);
    expect(graph.truncated).toEqual({ depth: true, nodes: false });
  });

  it('says when the node limit cut the walk short', async () => {
    const graph = await (
      await setup()
    ).getGraph(refs.db, 'downstream', { depth: 5, maxNodes: 3 }, user);
    expect(graph.nodes.map(n => n.ref)).toEqual([
      refs.db,
      refs.processing,
      refs.intake,
    ]);
    expect(graph.truncated.nodes).toBe(true);
  });

  it('finds the blast radius of a change with the path to each consumer', async () => {
    const service = await setup();
    const fromDb = await service.getBlastRadius(
      refs.db,
      { depth: 3, maxNodes: 100 },
      user,
    );
    expect(fromDb.consumers).toEqual([
      { ref: refs.processing, depth: 1, path: [refs.db, refs.processing] },
      {
        ref: refs.intake,
        depth: 2,
        path: [refs.db, refs.processing, refs.intake],
      },
      {
        ref: refs.ledger,
        depth: 2,
        path: [refs.db, refs.processing, refs.ledger],
      },
      {
        ref: refs.gateway,
        depth: 3,
        path: [refs.db, refs.processing, refs.intake, refs.gateway],
      },
      {
        ref: refs.mock,
        depth: 3,
        path: [refs.db, refs.processing, refs.intake, refs.mock],
      },
    ]);
    expect(fromDb.truncated).toEqual({ depth: false, nodes: false });

    const fromApi = await service.getBlastRadius(
      refs.intakeApi,
      { depth: 3, maxNodes: 100 },
      user,
    );
    expect(fromApi.consumers.map(c => c.path)).toEqual([
      [refs.intakeApi, refs.gateway],
      [refs.intakeApi, refs.mock],
    ]);

    const shallow = await service.getBlastRadius(
      refs.db,
      { depth: 1, maxNodes: 100 },
      user,
    );
    expect(shallow.truncated.depth).toBe(true);
  });

  it('leaves out what the caller may not read', async () => {
    const service = await setup();
    const outsider = mockCredentials.user(OUTSIDER);
    const graph = await service.getGraph(
      refs.processing,
      'both',
      { depth: 2, maxNodes: 100 },
      outsider,
    );
    expect(graph.nodes.map(n => n.ref)).not.toContain(refs.ledger);
    const radius = await service.getBlastRadius(
      refs.events,
      { depth: 3, maxNodes: 100 },
      outsider,
    );
    expect(radius.consumers).toEqual([]);
  });
});
