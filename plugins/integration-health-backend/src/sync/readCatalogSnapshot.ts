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
const GROUP_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

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
 * Reads the components, APIs, resources and groups of the catalog page by page,
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
    { filter: { kind: ['Group'] }, fields: GROUP_FIELDS },
    pageSize,
  )) {
    for (const group of page) {
      snapshot.groupRefs.add(stringifyEntityRef(group));
    }
  }
  return snapshot;
}
