import {
  CollectedObservations,
  ObservationSource,
} from '@integration-health/plugin-integration-health-node';
import { joinServiceGraph } from './joinServiceGraph';
import { PrometheusClient } from './PrometheusClient';
import {
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
}
