import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';

type Filter = Record<string, string | symbol | (string | symbol)[]>;
type Filters = Filter | Filter[] | undefined;

/** An entity's search keys as the catalog indexes them: dotted paths, lower case. */
function searchRows(entity: Entity): Map<string, Set<string>> {
  const rows = new Map<string, Set<string>>();
  const add = (key: string, value: string) => {
    const k = key.toLocaleLowerCase('en-US');
    const values = rows.get(k) ?? new Set();
    values.add(value.toLocaleLowerCase('en-US'));
    rows.set(k, values);
  };
  const walk = (prefix: string, value: unknown) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(prefix, item);
    } else if (typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        walk(prefix ? `${prefix}.${key}` : key, inner);
      }
    } else {
      add(prefix, String(value));
    }
  };
  const { relations, ...rest } = entity;
  walk('', rest);
  for (const relation of relations ?? []) {
    add(`relations.${relation.type}`, relation.targetRef);
  }
  return rows;
}

/** The entity with only these fields (dotted paths), as the catalog serves it. */
function withFields(entity: Entity, fields?: string[]): Entity {
  if (!fields?.length) return entity;
  const result: Record<string, any> = {};
  for (const field of fields) {
    const path = field.split('.');
    let from: any = entity;
    for (const key of path) from = from?.[key];
    if (from === undefined) continue;
    let to = result;
    for (const key of path.slice(0, -1)) to = to[key] ??= {};
    to[path[path.length - 1]] = from;
  }
  return result as Entity;
}

/**
 * The entities of a catalog in memory, indexed as the catalog's database
 * indexes them (search keys per entity, refs), so that each request costs
 * what the matching takes, not a rebuild of the index. Answers the
 * CatalogService reads the plugin and its modules make.
 */
export class IndexedCatalog {
  private readonly byRef = new Map<string, Entity>();
  private readonly rows = new WeakMap<Entity, Map<string, Set<string>>>();
  private readonly matches = new Map<string, Entity[]>();

  constructor(entities: Entity[]) {
    for (const entity of entities) this.put(entity);
  }

  put(entity: Entity) {
    this.byRef.set(stringifyEntityRef(entity), entity);
    this.rows.set(entity, searchRows(entity));
    this.matches.clear();
  }

  get(ref: string) {
    return this.byRef.get(ref.toLocaleLowerCase('en-US'));
  }

  private matchesFilter(entity: Entity, filters: Filters): boolean {
    if (!filters) return true;
    const rows = this.rows.get(entity)!;
    return [filters].flat().some(filter =>
      Object.entries(filter).every(([key, expected]) => {
        const values = rows.get(key.toLocaleLowerCase('en-US'));
        if (!values) return false;
        return [expected]
          .flat()
          .some(
            v =>
              v === CATALOG_FILTER_EXISTS ||
              values.has(String(v).toLocaleLowerCase('en-US')),
          );
      }),
    );
  }

  /** Every entity matching the filter, in a stable order; kept until the next change. */
  find(filters: Filters): Entity[] {
    const key = JSON.stringify(filters ?? null, (_k, v) =>
      v === CATALOG_FILTER_EXISTS ? '<exists>' : v,
    );
    let found = this.matches.get(key);
    if (!found) {
      found = [...this.byRef.values()].filter(e =>
        this.matchesFilter(e, filters),
      );
      this.matches.set(key, found);
    }
    return found;
  }

  page(options: {
    filter?: Filters;
    fields?: string[];
    offset: number;
    limit?: number;
  }) {
    const found = this.find(options.filter);
    const end =
      options.limit === undefined
        ? found.length
        : options.offset + options.limit;
    return {
      items: found
        .slice(options.offset, end)
        .map(e => withFields(e, options.fields)),
      totalItems: found.length,
      more: end < found.length,
    };
  }

  refs(refs: string[], fields?: string[], filter?: Filters) {
    return refs.map(ref => {
      const entity = this.get(ref);
      return entity && this.matchesFilter(entity, filter)
        ? withFields(entity, fields)
        : undefined;
    });
  }
}
