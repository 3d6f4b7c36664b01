import { Entity } from '@backstage/catalog-model';

const KINDS = new Set(['component', 'api', 'resource']);

/**
 * True for the entities that have integrations: components, APIs and
 * resources. Use it to show the Integrations tab only where it applies.
 *
 * @public
 */
export function isIntegrationHealthAvailable(entity: Entity): boolean {
  return KINDS.has(entity.kind.toLocaleLowerCase('en-US'));
}
