import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * Calls from one service to another as telemetry saw them over a window,
 * named as telemetry names them (`service.name`, a Jaeger service, a
 * service-graph `client`/`server` label).
 *
 * @public
 */
export type ObservedCalls = {
  /** The calling service's telemetry name. */
  client: string;
  /** The called service's telemetry name (a database or broker for such edges). */
  server: string;
  /**
   * What the edge is, as service graphs say: unset or `http`/`rpc` for
   * service calls, `database` for a database, `messaging_system` for a
   * broker, `virtual_node` for an uninstrumented peer.
   */
  connectionType?: string;
  /** Requests in the window; 0 when the edge is known without traffic. */
  calls: number;
  /** Requests that failed in the window, when the source counts them. */
  failedCalls?: number;
  /** The 95th percentile of the server's latency in the window, in ms. */
  p95LatencyMs?: number;
};

/**
 * What an observation source saw over one window.
 *
 * @public
 */
export type CollectedObservations = {
  /** The window the counts cover (ISO 8601). */
  windowStart: string;
  windowEnd: string;
  calls: ObservedCalls[];
  /**
   * Parts the source could not read this time; the source is then stale
   * with these errors, and what it saw before is kept.
   */
  errors?: string[];
};

/**
 * A place that knows what actually calls what: a tracing backend (Jaeger),
 * service-graph metrics in Prometheus, a CI job's report. Asked on each
 * sync; a source that throws, times out or answers garbage is marked stale
 * and what it saw before is kept.
 *
 * @public
 */
export interface ObservationSource {
  /** Stable id, recorded with what it saw, e.g. `jaeger`. */
  id: string;
  /** Answers what was observed recently; `signal` aborts when the source's time is up. */
  collect(options: { signal: AbortSignal }): Promise<CollectedObservations>;
  /**
   * Where people can look at one edge's traffic over a time range in the
   * source's own UI (a failure-rate graph, a trace search), for example
   * around an incident; undefined when it has no such place.
   */
  linkTo?(
    edge: ObservedEdgeName,
    range: { from: Date; to: Date },
  ): string | undefined;
}

/**
 * One edge as a source names it.
 *
 * @public
 */
export type ObservedEdgeName = {
  client: string;
  server: string;
  /** '' for service calls; `database`, `messaging_system`, … */
  connectionType: string;
};

/**
 * Lets a backend module add an observation source without touching the
 * plugin.
 *
 * @public
 */
export interface IntegrationHealthObservationsExtensionPoint {
  /** Adds a source that every sync asks what it observed. */
  addSource(source: ObservationSource): void;
}

/**
 * The extension point that adds observation sources (traces, service-graph
 * metrics) to the Integration Health backend.
 *
 * @public
 */
export const integrationHealthObservationsExtensionPoint =
  createExtensionPoint<IntegrationHealthObservationsExtensionPoint>({
    id: 'integration-health.observations',
  });
