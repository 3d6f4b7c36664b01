import { EvidenceSourceStatus } from './types';

/**
 * How an observed or declared edge of an entity compares:
 *
 * - `confirmed`: declared in the catalog and seen with traffic;
 * - `undeclared`: seen with traffic between two catalog entities, not declared;
 * - `not-observed`: declared, and no traffic seen for the configured days
 *   although the services are seen in telemetry (possibly a stale declaration);
 * - `unknown-service`: traffic with a service name that stands for no
 *   catalog entity, or for several.
 *
 * @public
 */
export type ObservedEdgeStatus =
  | 'confirmed'
  | 'undeclared'
  | 'not-observed'
  | 'unknown-service';

/**
 * One edge of an entity as the catalog declares it and telemetry saw it.
 *
 * @public
 */
export type ObservedEdge = {
  status: ObservedEdgeStatus;
  /** `outgoing`: the entity consumes from the counterpart; `incoming`: the counterpart consumes from it. */
  direction: 'outgoing' | 'incoming';
  /** The counterpart in the catalog, when its telemetry name stands for one entity. */
  counterpartRef?: string;
  /** The counterpart's name in telemetry, when it was seen. */
  counterpartName?: string;
  /** '' for service calls; `database`, `messaging_system`, … as service graphs say. */
  connectionType: string;
  /** The declared integration, for confirmed and not-observed edges. */
  integrationId?: string;
  /** Calls in the latest window of the source that saw the most. */
  calls: number;
  failedCalls?: number;
  /** failedCalls / calls, from 0 to 1. */
  failureRate?: number;
  p95LatencyMs?: number;
  firstSeenAt?: string;
  lastSeenAt?: string;
  /** The sources that saw it. */
  sources: string[];
  /** Why, in words. */
  reason: string;
  /** For an undeclared edge: what to add to the consumer's catalog-info.yaml. */
  suggestedSnippet?: string;
};

/**
 * What telemetry observed around one entity, against what the catalog declares.
 *
 * @public
 */
export type EntityObservations = {
  entityRef: string;
  /** The names the entity has in telemetry. */
  telemetryNames: string[];
  /** The observation sources, stale ones with their last error. */
  sources: EvidenceSourceStatus[];
  edges: ObservedEdge[];
};

/**
 * Which edges the dependency map walks and shows: what the catalog
 * declares, what telemetry observed, or both.
 *
 * @public
 */
export type GraphEdgeView = 'declared' | 'observed' | 'both';

/**
 * An edge between two entities on the dependency map as telemetry saw it,
 * or a declared one it did not see.
 *
 * @public
 */
export type GraphObservedEdge = {
  id: string;
  status: Exclude<ObservedEdgeStatus, 'unknown-service'>;
  consumerRef: string;
  providerRef: string;
  /** '' for service calls; `database`, `messaging_system`, … as service graphs say. */
  connectionType: string;
  /** The declared integration, for confirmed and not-observed edges. */
  integrationId?: string;
  calls: number;
  /** failedCalls / calls, from 0 to 1. */
  failureRate?: number;
  p95LatencyMs?: number;
  lastSeenAt?: string;
  sources: string[];
  reason: string;
};
