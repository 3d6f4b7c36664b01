import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';

/**
 * The events-service topic on which the catalog announces that an entity
 * changed in a way Integration Health reads: its spec (relations, API
 * definition, owner, type) or its annotations.
 *
 * @public
 */
export const CATALOG_CHANGES_TOPIC =
  'integration-health.catalog.entity-changed';

/**
 * What the catalog publishes on {@link CATALOG_CHANGES_TOPIC}. The
 * fingerprint lets the plugin tell whether the entity it reads from the
 * catalog already carries the announced change (the catalog stitches after
 * it processes).
 *
 * @public
 */
export type CatalogChangeEvent = {
  entityRef: string;
  fingerprint: string;
};

/**
 * The kinds whose changes move integrations, owners or what rolls up where.
 *
 * @public
 */
export const CATALOG_CHANGE_KINDS: ReadonlySet<string> = new Set([
  'component',
  'api',
  'resource',
  'group',
  'system',
]);

/** JSON with object keys in order, so equal content gives equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys
      .filter(k => (value as Record<string, unknown>)[k] !== undefined)
      .map(
        k =>
          `${JSON.stringify(k)}:${canonical(
            (value as Record<string, unknown>)[k],
          )}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * A digest of what Integration Health reads of an entity as its owners wrote
 * it: kind, name, spec and annotations (relations derive from the spec).
 * The same for the entity a catalog processor sees and the entity the
 * catalog serves once stitched.
 *
 * @public
 */
export function catalogChangeFingerprint(entity: Entity): string {
  return createHash('sha256')
    .update(
      canonical({
        ref: stringifyEntityRef(entity),
        spec: entity.spec ?? {},
        annotations: entity.metadata.annotations ?? {},
      }),
    )
    .digest('hex');
}
