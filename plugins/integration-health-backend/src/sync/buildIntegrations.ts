import { SyncRunEntityError } from '@integration-health/plugin-integration-health-common';
import { ObservedIntegration } from '../database/IntegrationStore';
import {
  AccountableOwnerDeclaration,
  parseAccountableOwnerAnnotation,
} from './accountableOwner';
import { CatalogSnapshot, EntitySummary } from './catalogSnapshot';
import { kindOfApi, kindOfDependency } from './integrationKind';
import { resolveAccountableOwner } from './resolveAccountableOwner';

type Edge = {
  consumer: EntitySummary;
  provider: EntitySummary;
  api?: EntitySummary;
  sources: ObservedIntegration['sources'];
  kind: ObservedIntegration['kind'];
  apiWithoutProvider: boolean;
};

const CONSUMER_KINDS = new Set(['component']);

function targets(entity: EntitySummary, relationType: string): string[] {
  return entity.relations
    .filter(r => r.type === relationType)
    .map(r => r.targetRef);
}

/**
 * Turns one catalog snapshot into integrations (consumer → provider edges)
 * and the errors met on single entities. Pure: the same snapshot always
 * gives the same result.
 */
export function buildIntegrations(snapshot: CatalogSnapshot): {
  integrations: ObservedIntegration[];
  errors: SyncRunEntityError[];
} {
  const errors: SyncRunEntityError[] = [];
  const edges = new Map<string, Edge>();
  const edgesByPair = new Map<string, Edge[]>();
  const addEdge = (edge: Edge) => {
    const pair = `${edge.consumer.ref}|${edge.provider.ref}`;
    const key = `${pair}|${edge.api?.ref ?? ''}`;
    if (edges.has(key)) return;
    edges.set(key, edge);
    edgesByPair.set(pair, [...(edgesByPair.get(pair) ?? []), edge]);
  };
  const missing = (entity: EntitySummary, relation: string, ref: string) =>
    errors.push({
      entityRef: entity.ref,
      code: 'relation-target-missing',
      message: `Relation ${relation} points at ${ref}, which is not in the catalog; no integration recorded for it.`,
    });

  const providersOf = (api: EntitySummary) =>
    targets(api, 'apiProvidedBy').flatMap(ref => {
      const provider = snapshot.entities.get(ref);
      if (!provider) {
        missing(api, 'apiProvidedBy', ref);
        return [];
      }
      return [provider];
    });

  const consumers = [...snapshot.entities.values()].filter(e =>
    CONSUMER_KINDS.has(e.kind),
  );

  for (const consumer of consumers) {
    for (const apiRef of targets(consumer, 'consumesApi')) {
      const api = snapshot.entities.get(apiRef);
      if (!api || api.kind !== 'api') {
        missing(consumer, 'consumesApi', apiRef);
        continue;
      }
      const providers = providersOf(api);
      const kind = kindOfApi(api.type);
      if (providers.length === 0) {
        addEdge({
          consumer,
          provider: api,
          api,
          sources: ['consumesApi'],
          kind,
          apiWithoutProvider: true,
        });
      }
      for (const provider of providers) {
        if (provider.ref === consumer.ref) continue;
        addEdge({
          consumer,
          provider,
          api,
          sources: ['consumesApi', 'providesApi'],
          kind,
          apiWithoutProvider: false,
        });
      }
    }
  }

  // A dependsOn joins the edges that already go through an API to the same
  // provider; otherwise it is an integration of its own.
  for (const consumer of consumers) {
    for (const targetRef of targets(consumer, 'dependsOn')) {
      const provider = snapshot.entities.get(targetRef);
      if (!provider || provider.kind === 'api') {
        missing(consumer, 'dependsOn', targetRef);
        continue;
      }
      if (provider.ref === consumer.ref) continue;
      const throughApis =
        edgesByPair.get(`${consumer.ref}|${provider.ref}`) ?? [];
      for (const edge of throughApis) {
        if (!edge.sources.includes('dependsOn')) edge.sources.push('dependsOn');
      }
      if (throughApis.length === 0) {
        addEdge({
          consumer,
          provider,
          sources: ['dependsOn'],
          kind: kindOfDependency(provider.kind, provider.type),
          apiWithoutProvider: false,
        });
      }
    }
  }

  const declarations = new Map<string, AccountableOwnerDeclaration>();
  for (const entity of snapshot.entities.values()) {
    if (entity.accountableOwnerAnnotation === undefined) continue;
    const parsed = parseAccountableOwnerAnnotation({
      entityRef: entity.ref,
      namespace: entity.namespace,
      value: entity.accountableOwnerAnnotation,
      knownGroups: snapshot.groupRefs,
    });
    declarations.set(entity.ref, parsed.declaration);
    errors.push(...parsed.errors);
  }

  const usedKeys = new Set<string>();
  const integrations: ObservedIntegration[] = [...edges.values()].map(edge => {
    const owner = resolveAccountableOwner(
      {
        declaration: declarations.get(edge.consumer.ref),
        counterpartRefs: [edge.provider.ref, edge.api?.ref].filter(
          (r): r is string => !!r,
        ),
        source: 'consumer-annotation',
      },
      {
        declaration: declarations.get(edge.provider.ref),
        counterpartRefs: [edge.consumer.ref],
        source: 'provider-annotation',
      },
    );
    owner.usedKeys.forEach(k =>
      usedKeys.add(`${k.entityRef}|${k.counterpartRef}`),
    );
    const findings = [...owner.findings];
    if (edge.apiWithoutProvider) {
      findings.push({
        id: 'api-without-provider',
        level: 'warning',
        message: `No component provides ${edge.provider.ref}; the integration ends at the API.`,
      });
    }
    return {
      consumerRef: edge.consumer.ref,
      providerRef: edge.provider.ref,
      apiRef: edge.api?.ref,
      kind: edge.kind,
      sources: edge.sources,
      consumerOwnerRef: edge.consumer.ownerRef,
      providerOwnerRef: edge.provider.ownerRef,
      accountableOwnerRef: owner.ownerRef,
      accountableOwnerSource: owner.source,
      findings,
    };
  });

  for (const declaration of declarations.values()) {
    const keys = [
      ...declaration.ownerByCounterpart.keys(),
      ...declaration.rejectedByCounterpart.keys(),
    ];
    for (const key of keys) {
      if (!usedKeys.has(`${declaration.entityRef}|${key}`)) {
        errors.push({
          entityRef: declaration.entityRef,
          code: 'accountable-owner-unmatched',
          message: `Annotation names ${key}, but ${declaration.entityRef} has no integration with it.`,
        });
      }
    }
  }

  return { integrations, errors };
}
