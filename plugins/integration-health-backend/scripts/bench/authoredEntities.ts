import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';

const SPEC_FIELD_OF_RELATION: Record<string, string> = {
  consumesApi: 'consumesApis',
  providesApi: 'providesApis',
  dependsOn: 'dependsOn',
};

/**
 * The synthetic entity as its owners write it in catalog-info.yaml: the
 * relations the catalog serves are put back as the spec fields its
 * processors read them from (owner, providesApis, consumesApis, dependsOn,
 * parent), with a lifecycle, the location annotations an entity provider
 * sets, and the annotations the evidence sources need.
 */
export function authoredEntity(
  synthetic: Entity,
  options: { location: string; annotations?: Record<string, string> },
): Entity {
  const spec: JsonObject = { ...synthetic.spec };
  for (const relation of synthetic.relations ?? []) {
    const field = SPEC_FIELD_OF_RELATION[relation.type];
    if (field) {
      spec[field] = [...((spec[field] as string[]) ?? []), relation.targetRef];
    } else if (relation.type === 'childOf') {
      spec.parent = relation.targetRef;
    }
  }
  if (synthetic.kind === 'Component' || synthetic.kind === 'API') {
    spec.lifecycle = 'production';
  }
  if (spec.owner === undefined) delete spec.owner;
  const { etag, ...metadata } = synthetic.metadata;
  return {
    apiVersion: synthetic.apiVersion,
    kind: synthetic.kind,
    metadata: {
      ...metadata,
      annotations: {
        ...metadata.annotations,
        ...options.annotations,
        'backstage.io/managed-by-location': options.location,
        'backstage.io/managed-by-origin-location': options.location,
      },
    },
    spec,
  };
}

/** Every synthetic entity, authored, with the annotations planned for it. */
export function authoredCatalog(
  entities: Entity[],
  options: {
    location: string;
    annotations: Map<string, Record<string, string>>;
  },
): Entity[] {
  return entities.map(e =>
    authoredEntity(e, {
      location: options.location,
      annotations: options.annotations.get(stringifyEntityRef(e)),
    }),
  );
}
