import { SyncRunEntityError } from '@integration-health/plugin-integration-health-common';
import { ObservedIntegration } from '../IntegrationStore';
import { CatalogSnapshot, EntitySummary } from './catalogSnapshot';
import { kindOfApi, kindOfDependency } from './integrationKind';

/** A consumer → provider edge, before owners are assigned. */
export type Edge = {
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
 * Finds the consumer → provider edges in one catalog snapshot: through an API
 * (consumesApi + providesApi) or direct (dependsOn). Relations that point at
 * entities missing from the snapshot are reported, not followed.
 */
export function collectEdges(snapshot: CatalogSnapshot): {
  edges: Edge[];
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
    const samePair = edgesByPair.get(pair);
    if (samePair) samePair.push(edge);
    else edgesByPair.set(pair, [edge]);
  };
  const missing = (entity: EntitySummary, relation: string, ref: string) =>
    errors.push({
      entityRef: entity.ref,
      code: 'relation-target-missing',
      message: `Relation ${relation} points at ${ref}, which is not in the catalog; no integration recorded for it.`,
    });

  const providersByApi = new Map<string, EntitySummary[]>();
  const providersOf = (api: EntitySummary) => {
    let providers = providersByApi.get(api.ref);
    if (!providers) {
      providers = targets(api, 'apiProvidedBy').flatMap(ref => {
        const provider = snapshot.entities.get(ref);
        if (!provider) {
          missing(api, 'apiProvidedBy', ref);
          return [];
        }
        return [provider];
      });
      providersByApi.set(api.ref, providers);
    }
    return providers;
  };

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

  return { edges: [...edges.values()], errors };
}
