import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ACCOUNTABLE_OWNER_ANNOTATION,
  TELEMETRY_SERVICE_ANNOTATION,
} from '@integration-health/plugin-integration-health-common';

/** The part of a catalog entity the sync job needs. */
export type EntitySummary = {
  ref: string;
  kind: 'component' | 'api' | 'resource';
  namespace: string;
  /** Changes whenever the entity does; lets the sync skip unchanged definitions. */
  etag?: string;
  type?: string;
  ownerRef?: string;
  accountableOwnerAnnotation?: string;
  /** What telemetry calls a component or resource (its annotation, else its name). */
  telemetryNames?: string[];
  relations: { type: string; targetRef: string }[];
};

/** How the catalog's teams, systems and domains nest. */
export type CatalogStructure = {
  groupRefs: Set<string>;
  /** Each group's parent group, for rolling teams up. */
  parentGroupOf: Map<string, string>;
  /** Each system's domain. */
  domainOf: Map<string, string>;
};

/** What one sync read from the catalog. */
export type CatalogSnapshot = CatalogStructure & {
  entities: Map<string, EntitySummary>;
};

export function toEntitySummary(entity: Entity): EntitySummary {
  const relations = (entity.relations ?? []).map(r => ({
    type: r.type,
    targetRef: r.targetRef,
  }));
  const type = (entity.spec as { type?: unknown } | undefined)?.type;
  const kind = entity.kind.toLocaleLowerCase('en-US') as EntitySummary['kind'];
  const annotated = entity.metadata.annotations?.[
    TELEMETRY_SERVICE_ANNOTATION
  ]?.split(',')
    .map(name => name.trim())
    .filter(Boolean);
  return {
    ref: stringifyEntityRef(entity),
    kind,
    namespace: entity.metadata.namespace ?? 'default',
    etag: entity.metadata.etag,
    type: typeof type === 'string' ? type : undefined,
    ownerRef: relations.find(r => r.type === 'ownedBy')?.targetRef,
    accountableOwnerAnnotation:
      entity.metadata.annotations?.[ACCOUNTABLE_OWNER_ANNOTATION],
    ...(kind === 'api'
      ? {}
      : {
          telemetryNames: annotated?.length
            ? annotated
            : [entity.metadata.name],
        }),
    relations,
  };
}
