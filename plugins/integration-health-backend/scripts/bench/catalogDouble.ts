import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { IndexedCatalog } from './indexedCatalog';
import { CatalogClock } from './timedCatalogService';

type Request = Record<string, any>;

/**
 * A catalog double serving the CatalogService reads from memory, for a scale
 * the catalog backend cannot ingest here in reasonable time. Its entities
 * are the synthetic ones as the catalog serves them (relations included),
 * with the evidence annotations; it is indexed (see IndexedCatalog), since
 * the catalog's own test double rebuilds its search rows on every request.
 * Calls are timed on the clock.
 */
export function catalogDouble(
  entities: Entity[],
  annotations: Map<string, Record<string, string>>,
  location: string,
  clock: CatalogClock,
) {
  const index = new IndexedCatalog(
    entities.map(e => {
      const extra = {
        ...annotations.get(stringifyEntityRef(e)),
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
      };
      return {
        ...e,
        metadata: {
          ...e.metadata,
          annotations: { ...e.metadata.annotations, ...extra },
        },
      };
    }),
  );
  const cursors = new Map<string, Request>();
  const reads = {
    async getEntities(request: Request = {}) {
      const { items } = index.page({ ...request, offset: 0 });
      return { items };
    },
    async getEntitiesByRefs(request: Request) {
      return {
        items: index.refs(request.entityRefs, request.fields, request.filter),
      };
    },
    async getEntityByRef(ref: string) {
      return index.get(ref);
    },
    async queryEntities(request: Request = {}) {
      const query: Request = request.cursor
        ? { ...cursors.get(request.cursor), limit: request.limit }
        : { ...request, offset: 0 };
      const page = index.page(query as Parameters<typeof index.page>[0]);
      let nextCursor: string | undefined;
      if (page.more) {
        nextCursor = `c${cursors.size}`;
        cursors.set(nextCursor, {
          ...query,
          offset: query.offset + query.limit,
        });
      }
      return {
        items: page.items,
        totalItems: page.totalItems,
        pageInfo: { nextCursor },
      };
    },
  };
  const timed = new Proxy({} as CatalogService, {
    get(_target, property: string) {
      const method = (reads as Record<string, Function>)[property];
      // Not a thenable; other methods are not called by the plugin.
      if (!method) return undefined;
      return async (...args: unknown[]) => {
        clock.enter();
        try {
          return await method(...args);
        } finally {
          clock.leave();
        }
      };
    },
  });
  return {
    factory: createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => timed,
    }),
    /** Serves the API with a new definition from now on; returns it as served. */
    changeDefinition(ref: string, definition: string): Entity {
      const entity = index.get(ref)!;
      const changed = {
        ...entity,
        metadata: { ...entity.metadata, etag: `${entity.metadata.etag}+` },
        spec: { ...entity.spec, definition },
      };
      index.put(changed);
      return changed;
    },
  };
}
