import {
  Integration,
  ObservedEdge,
} from '@integration-health/plugin-integration-health-common';
import { StoredObservation } from './ObservationStore';

/** Integrations telemetry can see: calls, messages and database access. */
const OBSERVABLE = new Set(['http', 'event', 'graphql', 'grpc', 'database']);

/** Whether traffic of this integration would show in telemetry. */
const observable = (integration: Integration) =>
  OBSERVABLE.has(integration.kind) ||
  // A component that depends on another calls it.
  (integration.consumerRef.startsWith('component:') &&
    integration.providerRef.startsWith('component:'));

/** One edge merged over the sources that saw it. */
type Seen = {
  direction: ObservedEdge['direction'];
  counterpartName: string;
  connectionType: string;
  calls: number;
  failedCalls?: number;
  p95LatencyMs?: number;
  firstSeenAt?: string;
  lastSeenAt?: string;
  sources: string[];
};

export type ObservedEdgesInput = {
  entityRef: string;
  /** The names the entity has in telemetry. */
  names: string[];
  /** Every source's rows involving those names. */
  observations: StoredObservation[];
  /** The entities each counterpart name stands for. */
  refsOfName: Map<string, string[]>;
  /** The entity's declared integrations, both directions. */
  declared: Integration[];
  /** Whether telemetry has seen each side of each declared integration at all, by ref. */
  seenRefs: Set<string>;
  /** Whether any observation source answered within the window. */
  observing: boolean;
  notObservedDays: number;
  now: Date;
};

/** The earlier (or later) of two ISO times, either of which may be missing. */
function earliest(a?: string, b?: string): string | undefined {
  if (!a || !b) return a ?? b;
  return a < b ? a : b;
}
function latest(a?: string, b?: string): string | undefined {
  if (!a || !b) return a ?? b;
  return a > b ? a : b;
}

/**
 * Which way an edge goes for the integration it stands for. Service graphs
 * draw calls and database access from caller to callee, which is consumer
 * to provider; messages from producer to consumer, which is provider to
 * consumer.
 */
function directionOf(
  entityIsClient: boolean,
  connectionType: string,
): ObservedEdge['direction'] {
  const messaging = connectionType === 'messaging_system';
  return entityIsClient !== messaging ? 'outgoing' : 'incoming';
}

/** The entity's edges merged over sources, by direction, counterpart and type. */
function mergeSeen(input: ObservedEdgesInput): Seen[] {
  const names = new Set(input.names);
  const merged = new Map<string, Seen>();
  for (const row of input.observations) {
    const isClient = names.has(row.client);
    const isServer = names.has(row.server);
    if (isClient === isServer) continue; // not this entity's, or a call to itself
    const counterpartName = isClient ? row.server : row.client;
    const direction = directionOf(isClient, row.connectionType);
    const key = `${direction}\n${counterpartName}\n${row.connectionType}`;
    const was = merged.get(key);
    // Sources seeing the same edge are not added up: the one that saw most counts.
    const most = !was || row.calls > was.calls;
    merged.set(key, {
      direction,
      counterpartName,
      connectionType: row.connectionType,
      calls: most ? row.calls : was!.calls,
      failedCalls: most ? row.failedCalls : was!.failedCalls,
      p95LatencyMs: most ? row.p95LatencyMs : was!.p95LatencyMs,
      firstSeenAt: earliest(was?.firstSeenAt, row.firstSeenAt),
      lastSeenAt: latest(was?.lastSeenAt, row.lastSeenAt),
      sources: [...(was?.sources ?? []), row.source].sort(),
    });
  }
  return [...merged.values()];
}

function snippet(consumerRef: string, providerRef: string): string {
  return [
    `# catalog-info.yaml of ${consumerRef}`,
    'spec:',
    '  dependsOn:',
    `    - ${providerRef}`,
  ].join('\n');
}

function measures(seen: Seen) {
  return {
    calls: seen.calls,
    ...(seen.failedCalls !== undefined
      ? { failedCalls: seen.failedCalls }
      : {}),
    ...(seen.failedCalls !== undefined && seen.calls > 0
      ? { failureRate: seen.failedCalls / seen.calls }
      : {}),
    ...(seen.p95LatencyMs !== undefined
      ? { p95LatencyMs: seen.p95LatencyMs }
      : {}),
    ...(seen.firstSeenAt ? { firstSeenAt: seen.firstSeenAt } : {}),
    ...(seen.lastSeenAt ? { lastSeenAt: seen.lastSeenAt } : {}),
    sources: seen.sources,
  };
}

/**
 * An entity's edges as the catalog declares them and telemetry saw them:
 * confirmed, undeclared, not observed (declared, no traffic for the
 * configured days while telemetry sees the services), or with an unknown
 * service. Observed edges without traffic for that long, and declared ones
 * telemetry cannot see, are left out.
 */
export function observedEdges(input: ObservedEdgesInput): ObservedEdge[] {
  const { entityRef, declared, now, notObservedDays } = input;
  const recentSince = new Date(
    now.getTime() - notObservedDays * 86_400_000,
  ).toISOString();
  const recent = (seen: Seen) =>
    seen.lastSeenAt !== undefined && seen.lastSeenAt >= recentSince;
  const edges: ObservedEdge[] = [];
  const confirmed = new Set<string>();
  const lastSeenOf = new Map<string, string | undefined>();

  for (const seen of mergeSeen(input)) {
    const refs = (input.refsOfName.get(seen.counterpartName) ?? []).filter(
      ref => ref !== entityRef,
    );
    if (refs.length !== 1) {
      if (!recent(seen)) continue;
      edges.push({
        status: 'unknown-service',
        direction: seen.direction,
        counterpartName: seen.counterpartName,
        connectionType: seen.connectionType,
        ...measures(seen),
        reason:
          refs.length === 0
            ? `Telemetry names a service "${seen.counterpartName}" that stands for no catalog entity: give the entity the annotation integration-health.io/telemetry-service: ${seen.counterpartName}`
            : `Telemetry names a service "${seen.counterpartName}" that ${refs.length} catalog entities claim; it is not guessed: give each its own name with the annotation integration-health.io/telemetry-service`,
      });
      continue;
    }
    const [counterpartRef] = refs;
    const [consumerRef, providerRef] =
      seen.direction === 'outgoing'
        ? [entityRef, counterpartRef]
        : [counterpartRef, entityRef];
    const matches = declared.filter(
      i => i.consumerRef === consumerRef && i.providerRef === providerRef,
    );
    for (const integration of matches) {
      lastSeenOf.set(
        integration.id,
        latest(lastSeenOf.get(integration.id), seen.lastSeenAt),
      );
    }
    if (!recent(seen)) continue;
    if (matches.length > 0) {
      for (const integration of matches) confirmed.add(integration.id);
      edges.push({
        status: 'confirmed',
        direction: seen.direction,
        counterpartRef,
        counterpartName: seen.counterpartName,
        connectionType: seen.connectionType,
        integrationId: matches[0].id,
        ...measures(seen),
        reason: `Declared in the catalog and seen with ${seen.calls.toLocaleString(
          'en-US',
        )} calls in the latest window`,
      });
    } else {
      edges.push({
        status: 'undeclared',
        direction: seen.direction,
        counterpartRef,
        counterpartName: seen.counterpartName,
        connectionType: seen.connectionType,
        ...measures(seen),
        reason: `${consumerRef} uses ${providerRef} in production, but the catalog does not declare it`,
        suggestedSnippet: snippet(consumerRef, providerRef),
      });
    }
  }

  if (input.observing) {
    for (const integration of declared) {
      if (confirmed.has(integration.id) || !observable(integration)) continue;
      const outgoing = integration.consumerRef === entityRef;
      const counterpartRef = outgoing
        ? integration.providerRef
        : integration.consumerRef;
      // An edge that ends at an API no one provides has no service to see;
      // telemetry that never saw either side says nothing about the edge.
      if (
        counterpartRef.startsWith('api:') ||
        (!input.seenRefs.has(entityRef) && !input.seenRefs.has(counterpartRef))
      )
        continue;
      const lastSeenAt = lastSeenOf.get(integration.id);
      edges.push({
        status: 'not-observed',
        direction: outgoing ? 'outgoing' : 'incoming',
        counterpartRef,
        connectionType: integration.kind === 'database' ? 'database' : '',
        integrationId: integration.id,
        calls: 0,
        sources: [],
        ...(lastSeenAt ? { lastSeenAt } : {}),
        reason: `Declared in the catalog, but no traffic between ${
          integration.consumerRef
        } and ${integration.providerRef} was seen ${
          lastSeenAt ? `since ${lastSeenAt}` : 'at all'
        } (${notObservedDays} days or more): possibly a stale declaration`,
      });
    }
  }
  const order = {
    undeclared: 0,
    'unknown-service': 1,
    'not-observed': 2,
    confirmed: 3,
  };
  return edges.sort(
    (a, b) =>
      order[a.status] - order[b.status] ||
      b.calls - a.calls ||
      (a.counterpartRef ?? a.counterpartName ?? '').localeCompare(
        b.counterpartRef ?? b.counterpartName ?? '',
      ),
  );
}
