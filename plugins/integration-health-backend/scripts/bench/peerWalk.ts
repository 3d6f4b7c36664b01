import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogRest } from './catalogRest';

/** catalog-graph fetches at most this many entities at once. */
const CONCURRENCY = 10;

/** The relations that lead from an API to whoever a change to it reaches. */
const FOLLOWED = new Set(['apiConsumedBy', 'providesApi', 'dependencyOf']);

async function limited<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/**
 * The blast radius of a change to an API found the way Backstage's
 * catalog-graph finds a neighbourhood today: breadth first from the root, one
 * catalog request per entity (GET /entities/by-name, ten at a time), level by
 * level, following apiConsumedBy, providesApi and dependencyOf. A consumer is
 * `depth` integrations away: an API's consumers are one further than the
 * API's provider; a component's APIs are as far as it is. Returns the
 * consumers found and how many requests it took.
 */
export async function peerBlastRadius(
  rest: CatalogRest,
  apiRef: string,
  maxDepth: number,
): Promise<{ consumers: number; requests: number }> {
  const depthOf = new Map<string, number>([[apiRef, 0]]);
  let level = [apiRef];
  let requests = 0;
  while (level.length > 0) {
    requests += level.length;
    const entities = await limited(level, CONCURRENCY, ref => {
      const { kind, namespace, name } = parseEntityRef(ref);
      return rest.byName(kind, namespace, name);
    });
    const next: string[] = [];
    level.forEach((ref, i) => {
      const entity: Entity | undefined = entities[i];
      const depth = depthOf.get(ref)!;
      for (const relation of entity?.relations ?? []) {
        if (!FOLLOWED.has(relation.type)) continue;
        const target = relation.targetRef;
        const targetDepth = relation.type === 'providesApi' ? depth : depth + 1;
        if (targetDepth > maxDepth || depthOf.has(target)) continue;
        depthOf.set(target, targetDepth);
        next.push(target);
      }
    });
    level = next;
  }
  const consumers = [...depthOf.keys()].filter(
    ref => ref !== apiRef && !ref.startsWith('api:'),
  ).length;
  return { consumers, requests };
}
