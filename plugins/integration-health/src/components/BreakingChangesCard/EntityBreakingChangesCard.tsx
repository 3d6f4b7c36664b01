import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { BreakingChangesCard } from './BreakingChangesCard';

/**
 * The breaking changes that touch the entity in context: an API's own, or
 * those in the APIs a component consumes.
 *
 * @public
 */
export function EntityBreakingChangesCard() {
  const { entity } = useEntity();
  return (
    <BreakingChangesCard
      entityRef={stringifyEntityRef(entity)}
      isApi={entity.kind.toLocaleLowerCase('en-US') === 'api'}
    />
  );
}
