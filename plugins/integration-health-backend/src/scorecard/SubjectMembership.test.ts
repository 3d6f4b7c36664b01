import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SubjectMembership } from './SubjectMembership';
import { createStores } from '../database/createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const entity = (
  ref: string,
  relations: Record<string, string> = {},
): Entity => {
  const { kind, namespace, name } = parseEntityRef(ref);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace },
    spec: {},
    relations: Object.entries(relations).map(([type, targetRef]) => ({
      type,
      targetRef,
    })),
  };
};

// engineering ⊃ payments ⊃ cards; ledger stands alone. The money domain has
// two systems; reports is in no system.
const catalog = [
  entity('group:default/engineering'),
  entity('group:default/payments', { childOf: 'group:default/engineering' }),
  entity('group:default/cards', { childOf: 'group:default/payments' }),
  entity('group:default/ledger'),
  entity('domain:default/money'),
  entity('system:default/payments-platform', {
    partOf: 'domain:default/money',
  }),
  entity('system:default/books', { partOf: 'domain:default/money' }),
  entity('component:default/intake', {
    ownedBy: 'group:default/cards',
    partOf: 'system:default/payments-platform',
  }),
  entity('component:default/processing', {
    ownedBy: 'group:default/payments',
    partOf: 'system:default/payments-platform',
  }),
  entity('component:default/ledger', {
    ownedBy: 'group:default/ledger',
    partOf: 'system:default/books',
  }),
  entity('component:default/reports', { ownedBy: 'group:default/ledger' }),
];

const edge = (
  consumer: string,
  provider: string,
  owners: [string, string],
) => ({
  consumerRef: `component:default/${consumer}`,
  providerRef: `component:default/${provider}`,
  kind: 'other' as const,
  sources: ['dependsOn' as const],
  consumerOwnerRef: `group:default/${owners[0]}`,
  providerOwnerRef: `group:default/${owners[1]}`,
  findings: [],
});

async function setUp() {
  const knex = await databases.init('SQLITE_3');
  const integrationStore = (await createStores(mockServices.database({ knex })))
    .integrationStore;
  await integrationStore.replaceIntegrations(
    [
      edge('intake', 'processing', ['cards', 'payments']),
      edge('ledger', 'processing', ['ledger', 'payments']),
      edge('reports', 'ledger', ['ledger', 'ledger']),
    ],
    new Date(),
  );
  const membership = new SubjectMembership({
    catalog: catalogServiceMock({ entities: catalog }),
    auth: mockServices.auth(),
    integrationStore,
    pageSize: 2, // several pages, as in a large catalog
  });
  return { membership, integrationStore };
}

const short = (ref: string) => ref.split('/')[1];

describe('SubjectMembership', () => {
  it("counts a team's integrations with the groups below it, each with the team's side", async () => {
    const { membership } = await setUp();
    const of = async (ref: string) =>
      (await membership.integrationsOf(ref)).map(
        ({ integration, side }) =>
          `${short(integration.consumerRef)}→${short(
            integration.providerRef,
          )} ${side}`,
      );
    expect(await of('group:default/engineering')).toEqual([
      'intake→processing both',
      'ledger→processing provider',
    ]);
    expect(await of('group:default/cards')).toEqual([
      'intake→processing consumer',
    ]);
    expect(await of('group:default/ledger')).toEqual([
      'ledger→processing consumer',
      'reports→ledger both',
    ]);
    expect(await of('system:default/payments-platform')).toEqual([
      'intake→processing both',
      'ledger→processing provider',
    ]);
    expect(await of('domain:default/money')).toEqual([
      'intake→processing both',
      'ledger→processing both',
      'reports→ledger provider',
    ]);
    expect(await of('component:default/reports')).toEqual([
      'reports→ledger consumer',
    ]);
    expect(await of('domain:default/empty')).toEqual([]);
  });

  it('names every subject an integration counts for, and the groups above a team', async () => {
    const { membership, integrationStore } = await setUp();
    const structure = await membership.structure();
    const { upstream } = await integrationStore.listForEntity(
      'component:default/ledger',
    );
    const subjects = await membership.subjectsOf(upstream, structure);
    expect([...subjects.get(upstream[0].id)!].sort()).toEqual([
      'component:default/ledger',
      'component:default/processing',
      'domain:default/money',
      'group:default/engineering',
      'group:default/ledger',
      'group:default/payments',
      'system:default/books',
      'system:default/payments-platform',
    ]);
    expect(membership.teamsOf('group:default/cards', structure)).toEqual([
      'group:default/cards',
      'group:default/payments',
      'group:default/engineering',
    ]);
  });
});
