import {
  GraphObservedEdge,
  ObservedEdge,
} from '@integration-health/plugin-integration-health-common';
import { edgeSides } from '../observations/edgeSides';

/**
 * An entity's observed edges as map edges, consumer to provider, keeping
 * those leading the way the walk goes (upstream: to what the entity uses;
 * downstream: to what uses it). Edges to a service the catalog does not
 * know have no node to draw and are left to the Integrations tab.
 */
export function observedGraphEdges(
  entityRef: string,
  edges: ObservedEdge[],
  walk: 'upstream' | 'downstream',
): GraphObservedEdge[] {
  const wanted = walk === 'upstream' ? 'outgoing' : 'incoming';
  return edges.flatMap(edge => {
    if (
      edge.status === 'unknown-service' ||
      edge.direction !== wanted ||
      !edge.counterpartRef
    )
      return [];
    const { consumerRef, providerRef } = edgeSides(entityRef, {
      direction: edge.direction,
      counterpartRef: edge.counterpartRef,
    });
    return [
      {
        id:
          edge.status === 'not-observed'
            ? `not-observed:${edge.integrationId}`
            : `observed:${consumerRef}>${providerRef}>${edge.connectionType}`,
        status: edge.status,
        consumerRef,
        providerRef,
        connectionType: edge.connectionType,
        ...(edge.integrationId ? { integrationId: edge.integrationId } : {}),
        calls: edge.calls,
        ...(edge.failureRate !== undefined
          ? { failureRate: edge.failureRate }
          : {}),
        ...(edge.p95LatencyMs !== undefined
          ? { p95LatencyMs: edge.p95LatencyMs }
          : {}),
        ...(edge.lastSeenAt ? { lastSeenAt: edge.lastSeenAt } : {}),
        sources: edge.sources,
        reason: edge.reason,
      },
    ];
  });
}
