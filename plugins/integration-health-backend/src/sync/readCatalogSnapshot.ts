import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogSnapshot, toEntitySummary } from './catalogSnapshot';

const ENTITY_FIELDS = [
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
  const snapshot: CatalogSnapshot = {
    entities: new Map(),
    groupRefs: new Set(),
    parentGroupOf: new Map(),
    domainOf: new Map(),
  };
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
      snapshot.entities.set(summary.ref, summary);
    }
  }
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
        snapshot.groupRefs.add(ref);
        const parent = target('childOf', 'group');
        if (parent) snapshot.parentGroupOf.set(ref, parent);
      } else {
        const domain = target('partOf', 'domain');
        if (domain) snapshot.domainOf.set(ref, domain);
      }
    }
  }
  return snapshot;
}
