import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DependencyMap } from './DependencyMap';

/**
 * The dependency map around the component or resource in context.
 *
 * @public
 */
export function EntityDependencyMapCard() {
  const { entity } = useEntity();
  return <DependencyMap entityRef={stringifyEntityRef(entity)} />;
}
