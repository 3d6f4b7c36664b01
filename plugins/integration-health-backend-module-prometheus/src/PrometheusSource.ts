import {
  CollectedObservations,
  ObservationSource,
  ObservedEdgeName,
} from '@integration-health/plugin-integration-health-node';
import { joinServiceGraph } from './joinServiceGraph';
import { PrometheusClient } from './PrometheusClient';
import {
  edgeFailureRateQuery,
  ServiceGraphLabels,
  ServiceGraphMetrics,
  serviceGraphQueries,
  ServiceGraphQueries,
} from './serviceGraphQueries';

export type PrometheusSourceOptions = {
  /** Prometheus's query API, e.g. `http://prometheus:9090`. */
  baseUrl: string;
  windowMinutes: number;
  /** Sent with every request (e.g. Authorization), to the base URL only. */
  headers: Record<string, string>;
  timeoutMs: number;
  metrics: ServiceGraphMetrics;
  labels: ServiceGraphLabels;
};

/**
 * Calls, failures and p95 server latency per edge from service-graph
 * metrics (the OpenTelemetry Collector's `servicegraph` connector, Grafana
 * Tempo's metrics generator) in Prometheus, over a window ending now.
 */
export class PrometheusSource implements ObservationSource {
  readonly id = 'prometheus';
  private readonly client: PrometheusClient;
  private readonly queries: ServiceGraphQueries;

  constructor(private readonly options: PrometheusSourceOptions) {
    this.client = new PrometheusClient(options);
    this.queries = serviceGraphQueries(options);
  }

  async collect({
    signal,
  }: {
    signal: AbortSignal;
  }): Promise<CollectedObservations> {
    const end = new Date();
    const [total, failed, p95Seconds] = await Promise.all([
      this.client.query(this.queries.total, end, signal),
      this.client.query(this.queries.failed, end, signal),
      this.client.query(this.queries.p95Seconds, end, signal),
    ]);
    const { calls, errors } = joinServiceGraph(
      { total, failed, p95Seconds },
      this.options.labels,
    );
    return {
      windowStart: new Date(
        end.getTime() - this.options.windowMinutes * 60_000,
      ).toISOString(),
      windowEnd: end.toISOString(),
      calls,
      ...(errors.length > 0 ? { errors } : {}),
    };
  }

  /**
   * Prometheus's graph of the edge's failure rate over the range, in the
   * UI served at the same base URL.
   */
  linkTo(edge: ObservedEdgeName, range: { from: Date; to: Date }): string {
    const url = new URL(
      'graph',
      this.options.baseUrl.endsWith('/')
        ? this.options.baseUrl
        : `${this.options.baseUrl}/`,
    );
    const end = range.to.toISOString().slice(0, 19).replace('T', ' ');
    const minutes = Math.max(
      1,
      Math.ceil((range.to.getTime() - range.from.getTime()) / 60_000),
    );
    url.searchParams.set(
      'g0.expr',
      edgeFailureRateQuery({ ...this.options, edge }),
    );
    url.searchParams.set('g0.tab', '0');
    url.searchParams.set('g0.range_input', `${minutes}m`);
    url.searchParams.set('g0.end_input', end);
    url.searchParams.set('g0.moment_input', end);
    return url.toString();
  }
}
