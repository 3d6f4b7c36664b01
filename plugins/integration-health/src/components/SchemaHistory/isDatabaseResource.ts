import { Entity } from '@backstage/catalog-model';

/** A `Resource` with `spec.type: database`: its schema history always shows. */
export function isDatabaseResource(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === 'database'
  );
}
