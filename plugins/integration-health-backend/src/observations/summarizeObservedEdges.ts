import { ObservedEdge } from '@integration-health/plugin-integration-health-common';
import { sideSubjects } from '../scorecard/computeRollups';
import { CatalogSnapshot } from '../integrations/sync/catalogSnapshot';
import { ObservationCounts } from './ObservationCountStore';
import { IntegrationTraffic } from './IntegrationTrafficStore';
import { edgeSides } from './edgeSides';

/** An undeclared or not-observed edge between two catalog entities. */
type Finding = {
  key: string;
  status: 'undeclared' | 'not-observed';
  consumerRef: string;
  providerRef: string;
};

function findingsOf(entityRef: string, edges: ObservedEdge[]): Finding[] {
  return edges.flatMap(edge => {
    if (
      (edge.status !== 'undeclared' && edge.status !== 'not-observed') ||
      !edge.counterpartRef
    )
      return [];
    const { consumerRef, providerRef } = edgeSides(entityRef, {
      direction: edge.direction,
      counterpartRef: edge.counterpartRef,
    });
    return [
      {
        key:
          edge.status === 'not-observed'
            ? `not-observed\n${edge.integrationId}`
            : `undeclared\n${consumerRef}\n${providerRef}\n${edge.connectionType}`,
        status: edge.status,
        consumerRef,
        providerRef,
      },
    ];
  });
}

/**
 * Whether traffic was seen on each declared integration telemetry can see:
 * seen when any of its edges was, with the latest time seen.
 */
function trafficOf(
  edgesByEntity: Map<string, ObservedEdge[]>,
): Map<string, IntegrationTraffic> {
  const traffic = new Map<string, IntegrationTraffic>();
  for (const edges of edgesByEntity.values()) {
    for (const edge of edges) {
      if (!edge.integrationId) continue;
      const was = traffic.get(edge.integrationId);
      const lastSeenAt = [was?.lastSeenAt, edge.lastSeenAt]
        .filter((t): t is string => !!t)
        .sort()
        .pop();
      traffic.set(edge.integrationId, {
        seen: (was?.seen ?? false) || edge.status === 'confirmed',
        ...(lastSeenAt ? { lastSeenAt } : {}),
      });
    }
  }
  return traffic;
}

/**
 * Undeclared and not-observed edges counted for each entity, team (and the
 * groups above it), system and domain on either side, once per edge however
 * many of its entities' edge lists name it; and whether traffic was seen on
 * each declared integration telemetry can see.
 */
export function summarizeObservedEdges(
  edgesByEntity: Map<string, ObservedEdge[]>,
  snapshot: CatalogSnapshot,
): {
  bySubject: Map<string, ObservationCounts>;
  total: ObservationCounts;
  traffic: Map<string, IntegrationTraffic>;
} {
  const findings = new Map<string, Finding>();
  for (const [entityRef, edges] of edgesByEntity) {
    for (const finding of findingsOf(entityRef, edges)) {
      findings.set(finding.key, finding);
    }
  }
  const counts = new Map<string, ObservationCounts>();
  const total = { undeclared: 0, notObserved: 0 };
  for (const finding of findings.values()) {
    if (finding.status === 'undeclared') total.undeclared++;
    else total.notObserved++;
    const subjects = new Set(
      [finding.consumerRef, finding.providerRef].flatMap(ref => [
        ...sideSubjects(ref, snapshot.entities.get(ref)?.ownerRef, snapshot),
      ]),
    );
    for (const subject of subjects) {
      const found = counts.get(subject) ?? { undeclared: 0, notObserved: 0 };
      if (finding.status === 'undeclared') found.undeclared++;
      else found.notObserved++;
      counts.set(subject, found);
    }
  }
  return { bySubject: counts, total, traffic: trafficOf(edgesByEntity) };
}
