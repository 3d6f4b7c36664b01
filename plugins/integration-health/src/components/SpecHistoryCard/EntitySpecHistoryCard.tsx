import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { SpecHistoryCard } from './SpecHistoryCard';

/**
 * The spec history of the API entity in context.
 *
 * @public
 */
export function EntitySpecHistoryCard() {
  const { entity } = useEntity();
  return <SpecHistoryCard entityRef={stringifyEntityRef(entity)} />;
}
