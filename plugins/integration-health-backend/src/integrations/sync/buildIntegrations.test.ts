import { Entity } from '@backstage/catalog-model';
import { entity, paymentsCatalog } from '../../testUtils/entities';
import { buildIntegrations } from './buildIntegrations';
import { CatalogSnapshot, toEntitySummary } from './catalogSnapshot';

function snapshotOf(entities: Entity[]): CatalogSnapshot {
  const snapshot: CatalogSnapshot = {
    entities: new Map(),
    groupRefs: new Set(),
    parentGroupOf: new Map(),
    domainOf: new Map(),
  };
  for (const e of entities) {
    const summary = toEntitySummary(e);
    if (e.kind === 'Group') snapshot.groupRefs.add(summary.ref);
    else snapshot.entities.set(summary.ref, summary);
  }
  return snapshot;
}

function component(entities: Entity[], name: string): Entity {
  return entities.find(
    e => e.kind === 'Component' && e.metadata.name === name,
  )!;
}

function find(
  result: ReturnType<typeof buildIntegrations>,
  consumerRef: string,
  providerRef: string,
) {
  return result.integrations.find(
    i => i.consumerRef === consumerRef && i.providerRef === providerRef,
  );
}

describe('buildIntegrations', () => {
  it('turns consumesApi/providesApi into an edge to the providing component, with both owners', () => {
    const result = buildIntegrations(snapshotOf(paymentsCatalog()));

    expect(
      find(result, 'component:default/intake', 'component:default/validation'),
    ).toEqual({
      consumerRef: 'component:default/intake',
      providerRef: 'component:default/validation',
      apiRef: 'api:default/validation-api',
      kind: 'http',
      sources: ['consumesApi', 'providesApi'],
      consumerOwnerRef: 'group:default/payments',
      providerOwnerRef: 'group:default/payments',
      accountableOwnerRef: 'group:default/payments',
      accountableOwnerSource: 'consumer-annotation',
      findings: [],
    });
    expect(
      find(result, 'component:default/ledger', 'component:default/processing'),
    ).toMatchObject({
      apiRef: 'api:default/transaction-events',
      kind: 'event',
      consumerOwnerRef: 'group:default/ledger',
      providerOwnerRef: 'group:default/payments',
    });
  });

  it('records dependsOn as its own edge, typed by the resource', () => {
    const result = buildIntegrations(snapshotOf(paymentsCatalog()));
    expect(
      find(
        result,
        'component:default/processing',
        'resource:default/transactions-db',
      ),
    ).toMatchObject({
      apiRef: undefined,
      kind: 'database',
      sources: ['dependsOn'],
      providerOwnerRef: 'group:default/platform',
    });
    expect(
      find(result, 'component:default/intake', 'component:default/processing'),
    ).toMatchObject({
      kind: 'other',
      sources: ['dependsOn'],
    });
    expect(result.integrations).toHaveLength(4);
    expect(result.errors).toEqual([]);
  });

  it('merges a dependsOn into the edge that already goes through an API to the same provider', () => {
    const entities = paymentsCatalog();
    const ledger = component(entities, 'ledger');
    ledger.relations!.push({
      type: 'dependsOn',
      targetRef: 'component:default/processing',
    });

    const result = buildIntegrations(snapshotOf(entities));

    const edges = result.integrations.filter(
      i => i.consumerRef === 'component:default/ledger',
    );
    expect(edges).toHaveLength(1);
    expect(edges[0].sources).toEqual([
      'consumesApi',
      'providesApi',
      'dependsOn',
    ]);
  });

  it('reports a missing accountable owner as a finding, never a default', () => {
    const result = buildIntegrations(snapshotOf(paymentsCatalog()));
    const events = find(
      result,
      'component:default/ledger',
      'component:default/processing',
    )!;
    expect(events.accountableOwnerRef).toBeUndefined();
    expect(events.findings.map(f => f.id)).toEqual([
      'accountable-owner-missing',
    ]);
  });

  it('records a relation to an entity that is not in the catalog as an error and keeps the other integrations', () => {
    const entities = paymentsCatalog();
    const intake = component(entities, 'intake');
    intake.relations!.push({
      type: 'consumesApi',
      targetRef: 'api:default/retired-api',
    });
    intake.relations!.push({
      type: 'dependsOn',
      targetRef: 'resource:default/gone-cache',
    });

    const result = buildIntegrations(snapshotOf(entities));

    expect(result.errors).toEqual([
      {
        entityRef: 'component:default/intake',
        code: 'relation-target-missing',
        message: expect.stringContaining(
          'consumesApi points at api:default/retired-api',
        ),
      },
      {
        entityRef: 'component:default/intake',
        code: 'relation-target-missing',
        message: expect.stringContaining(
          'dependsOn points at resource:default/gone-cache',
        ),
      },
    ]);
    expect(result.integrations).toHaveLength(4);
  });

  it('ends the edge at the API, with a finding, when no component provides it', () => {
    const entities = [
      entity('component:default/app', {
        owner: 'group:default/web',
        relations: { consumesApi: ['api:default/orphan-api'] },
      }),
      entity('api:default/orphan-api', {
        owner: 'group:default/web',
        type: 'graphql',
      }),
    ];
    const [integration] = buildIntegrations(snapshotOf(entities)).integrations;
    expect(integration).toMatchObject({
      providerRef: 'api:default/orphan-api',
      apiRef: 'api:default/orphan-api',
      kind: 'graphql',
      sources: ['consumesApi'],
    });
    expect(integration.findings.map(f => f.id)).toEqual([
      'accountable-owner-missing',
      'api-without-provider',
    ]);
  });

  it('prefers a counterpart-specific declaration, and the consumer over the provider, reporting disagreement', () => {
    const entities = paymentsCatalog();
    const processing = component(entities, 'processing');
    processing.metadata.annotations = {
      'integration-health.io/accountable-owner':
        'platform, component:ledger=payments',
    };
    const ledger = component(entities, 'ledger');
    ledger.metadata.annotations = {
      'integration-health.io/accountable-owner':
        'api:transaction-events=ledger',
    };

    const result = buildIntegrations(snapshotOf(entities));

    const events = find(
      result,
      'component:default/ledger',
      'component:default/processing',
    )!;
    expect(events.accountableOwnerRef).toBe('group:default/ledger');
    expect(events.accountableOwnerSource).toBe('consumer-annotation');
    expect(events.findings).toEqual([
      expect.objectContaining({
        id: 'accountable-owner-conflict',
        message: expect.stringContaining('group:default/payments'),
      }),
    ]);
    // processing's default covers its other integrations
    expect(
      find(
        result,
        'component:default/processing',
        'resource:default/transactions-db',
      )!.accountableOwnerRef,
    ).toBe('group:default/platform');
  });

  it('does not store an unknown group as owner: the integration says why it has none', () => {
    const entities = paymentsCatalog();
    const ledger = component(entities, 'ledger');
    ledger.metadata.annotations = {
      'integration-health.io/accountable-owner': 'ledger-team',
    };

    const result = buildIntegrations(snapshotOf(entities));

    const events = find(
      result,
      'component:default/ledger',
      'component:default/processing',
    )!;
    expect(events.accountableOwnerRef).toBeUndefined();
    expect(events.findings.map(f => f.id)).toEqual([
      'accountable-owner-invalid',
      'accountable-owner-missing',
    ]);
    expect(events.findings[0].message).toContain("'ledger-team'");
    expect(result.errors).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/ledger',
        code: 'accountable-owner-unknown-group',
        message: expect.stringContaining(
          "group 'group:default/ledger-team' is not in the catalog",
        ),
      }),
    ]);
  });

  it('reports a declaration that names no integration of the entity', () => {
    const entities = paymentsCatalog();
    component(entities, 'ledger').metadata.annotations = {
      'integration-health.io/accountable-owner': 'api:validation-api=ledger',
    };
    const result = buildIntegrations(snapshotOf(entities));
    expect(result.errors).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/ledger',
        code: 'accountable-owner-unmatched',
      }),
    ]);
  });
});
