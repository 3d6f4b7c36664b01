import { ObservedEdge } from '@integration-health/plugin-integration-health-common';

/**
 * An entity's observed edge as consumer and provider: outgoing edges go
 * from the entity to the counterpart, incoming ones the other way.
 */
export function edgeSides(
  entityRef: string,
  edge: Pick<ObservedEdge, 'direction'> & { counterpartRef: string },
): { consumerRef: string; providerRef: string } {
  return edge.direction === 'outgoing'
    ? { consumerRef: entityRef, providerRef: edge.counterpartRef }
    : { consumerRef: edge.counterpartRef, providerRef: entityRef };
}
