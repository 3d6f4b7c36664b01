import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CatalogSnapshot,
  CatalogStructure,
  toEntitySummary,
} from './catalogSnapshot';

export const ENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
  'metadata.etag',
  'spec.type',
  'relations',
];
const STRUCTURE_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'relations',
];

async function* pages(
  catalog: CatalogService,
  auth: AuthService,
  request: { filter: Record<string, string[]>; fields: string[] },
  pageSize: number,
): AsyncGenerator<Entity[]> {
  const credentials = await auth.getOwnServiceCredentials();
  let cursor: string | undefined;
  do {
    const response = await catalog.queryEntities(
      cursor
        ? { cursor, fields: request.fields, limit: pageSize }
        : { ...request, limit: pageSize },
      { credentials },
    );
    yield response.items;
    cursor = response.pageInfo.nextCursor;
  } while (cursor);
}

/**
 * Reads the components, APIs, resources, groups and systems of the catalog page by page,
 * with only the fields the sync needs and the plugin's own credentials.
 * Throws when the catalog fails, so that a partial read is never taken for
 * the whole catalog.
 */
export async function readCatalogSnapshot(options: {
  catalog: CatalogService;
  auth: AuthService;
  pageSize: number;
}): Promise<CatalogSnapshot> {
  const { catalog, auth, pageSize } = options;
  const entities: CatalogSnapshot['entities'] = new Map();
  for await (const page of pages(
    catalog,
    auth,
    {
      filter: { kind: ['Component', 'API', 'Resource'] },
      fields: ENTITY_FIELDS,
    },
    pageSize,
  )) {
    for (const entity of page) {
      const summary = toEntitySummary(entity);
      entities.set(summary.ref, summary);
    }
  }
  return { entities, ...(await readCatalogStructure(options)) };
}

/**
 * The catalog's groups with their parents and systems with their domains:
 * what teams, systems and domains roll up through.
 */
export async function readCatalogStructure(options: {
  catalog: CatalogService;
  auth: AuthService;
  pageSize: number;
}): Promise<CatalogStructure> {
  const { catalog, auth, pageSize } = options;
  const structure: CatalogStructure = {
    groupRefs: new Set(),
    parentGroupOf: new Map(),
    domainOf: new Map(),
  };
  for await (const page of pages(
    catalog,
    auth,
    { filter: { kind: ['Group', 'System'] }, fields: STRUCTURE_FIELDS },
    pageSize,
  )) {
    for (const entity of page) {
      const ref = stringifyEntityRef(entity);
      const target = (type: string, kind: string) =>
        entity.relations?.find(
          r => r.type === type && r.targetRef.startsWith(`${kind}:`),
        )?.targetRef;
      if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
        structure.groupRefs.add(ref);
        const parent = target('childOf', 'group');
        if (parent) structure.parentGroupOf.set(ref, parent);
      } else {
        const domain = target('partOf', 'domain');
        if (domain) structure.domainOf.set(ref, domain);
      }
    }
  }
  return structure;
}
