import {
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { CalendarAgendaCard } from './CalendarAgendaCard';

/**
 * The calendar entries that touch the entity in context: for an API, its own
 * changes; for a component, changes in the APIs it provides and changes that
 * reach it as a consumer.
 *
 * @public
 */
export function EntityCalendarCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const apiRefs =
    entity.kind.toLocaleLowerCase('en-US') === 'api'
      ? [entityRef]
      : (entity.relations ?? [])
          .filter(r => r.type === RELATION_PROVIDES_API)
          .map(r => r.targetRef);
  return <CalendarAgendaCard entityRef={entityRef} apiRefs={apiRefs} />;
}
