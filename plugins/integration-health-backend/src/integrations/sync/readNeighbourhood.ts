import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CatalogSnapshot,
  EntitySummary,
  toEntitySummary,
} from './catalogSnapshot';
import { ENTITY_FIELDS, readCatalogStructure } from './readCatalogSnapshot';

/** Relations that make integrations, each with its reverse. */
const REVERSE: Record<string, string> = {
  consumesApi: 'apiConsumedBy',
  apiConsumedBy: 'consumesApi',
  providesApi: 'apiProvidedBy',
  apiProvidedBy: 'providesApi',
  dependsOn: 'dependencyOf',
  dependencyOf: 'dependsOn',
};
const BATCH = 200;

function related(entity: EntitySummary, types: string[]): string[] {
  return entity.relations
    .filter(r => types.includes(r.type))
    .map(r => r.targetRef);
}

/**
 * The part of the catalog an incremental sync needs for some changed
 * entities: them, what they consume, provide and depend on, the other side
 * of each API they touch or are asked about (its providers and consumers), and the catalog's
 * teams and systems. Every integration touching a changed entity can be
 * derived from it. The changed entities, just read, are taken as the truth
 * about their own relations: a neighbour the catalog has not re-stitched yet
 * is corrected to agree with them.
 */
export async function readNeighbourhood(options: {
  catalog: CatalogService;
  auth: AuthService;
  changed: Entity[];
  /** APIs to read with their providers and consumers too. */
  apiRefs?: string[];
  pageSize: number;
}): Promise<CatalogSnapshot> {
  const { catalog, auth, pageSize } = options;
  const credentials = await auth.getOwnServiceCredentials();
  const entities: CatalogSnapshot['entities'] = new Map();
  const changed = new Set<string>();
  for (const entity of options.changed) {
    const summary = toEntitySummary(entity);
    if (!['component', 'api', 'resource'].includes(summary.kind)) continue;
    entities.set(summary.ref, summary);
    changed.add(summary.ref);
  }
  const read = async (refs: Iterable<string>) => {
    const missing = [...new Set(refs)].filter(ref => !entities.has(ref));
    for (let i = 0; i < missing.length; i += BATCH) {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: missing.slice(i, i + BATCH), fields: ENTITY_FIELDS },
        { credentials },
      );
      for (const item of items) {
        if (!item) continue;
        const summary = toEntitySummary(item);
        entities.set(summary.ref, summary);
      }
    }
  };

  const changedSummaries = [...entities.values()];
  await read([
    ...changedSummaries.flatMap(e => related(e, Object.keys(REVERSE))),
    ...(options.apiRefs ?? []),
  ]);
  const apis = [...entities.values()].filter(e => e.kind === 'api');
  await read(apis.flatMap(a => related(a, ['apiProvidedBy', 'apiConsumedBy'])));

  // Neighbours agree with the changed entities about the relations between them.
  for (const neighbour of entities.values()) {
    if (changed.has(neighbour.ref)) continue;
    neighbour.relations = neighbour.relations.filter(
      r => !(REVERSE[r.type] && changed.has(r.targetRef)),
    );
  }
  for (const entity of changedSummaries) {
    for (const relation of entity.relations) {
      const reverse = REVERSE[relation.type];
      const neighbour = entities.get(relation.targetRef);
      if (!reverse || !neighbour || changed.has(neighbour.ref)) continue;
      neighbour.relations.push({ type: reverse, targetRef: entity.ref });
    }
  }

  return {
    entities,
    ...(await readCatalogStructure({ catalog, auth, pageSize })),
  };
}
