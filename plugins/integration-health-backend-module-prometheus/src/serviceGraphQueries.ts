/** Names of the service-graph metrics, as an exporter emits them. */
export type ServiceGraphMetrics = {
  requestTotal: string;
  requestFailedTotal: string;
  requestServerSecondsBucket: string;
};

/** Names of the labels that say who called whom. */
export type ServiceGraphLabels = {
  client: string;
  server: string;
  connectionType: string;
};

export const DEFAULT_METRICS: ServiceGraphMetrics = {
  requestTotal: 'traces_service_graph_request_total',
  requestFailedTotal: 'traces_service_graph_request_failed_total',
  requestServerSecondsBucket:
    'traces_service_graph_request_server_seconds_bucket',
};

export const DEFAULT_LABELS: ServiceGraphLabels = {
  client: 'client',
  server: 'server',
  connectionType: 'connection_type',
};

// Prometheus's own name syntax: a name of this shape cannot end the
// expression it is placed in, so configuration cannot add PromQL.
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Throws unless every metric name is a Prometheus metric name. */
export function checkMetricNames(metrics: ServiceGraphMetrics): void {
  for (const [key, name] of Object.entries(metrics)) {
    if (!METRIC_NAME.test(name)) {
      throw new Error(
        `metrics.${key} must be a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), got ${JSON.stringify(
          name,
        )}`,
      );
    }
  }
}

/**
 * Throws unless every label name is a Prometheus label name, not `le` (the
 * histogram's own) and not another's name.
 */
export function checkLabelNames(labels: ServiceGraphLabels): void {
  for (const [key, name] of Object.entries(labels)) {
    if (!LABEL_NAME.test(name) || name === 'le') {
      throw new Error(
        `labels.${key} must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not le), got ${JSON.stringify(
          name,
        )}`,
      );
    }
  }
  const names = Object.values(labels);
  if (new Set(names).size !== names.length) {
    throw new Error(
      `labels.client, labels.server and labels.connectionType must differ, got ${names.join(
        ', ',
      )}`,
    );
  }
}

export type ServiceGraphQueries = {
  /** Requests per edge over the window. */
  total: string;
  /** Failed requests per edge over the window. */
  failed: string;
  /** The server's 95th percentile latency per edge over the window, in seconds. */
  p95Seconds: string;
};

/** The three instant queries of the service graph over `windowMinutes`. */
export function serviceGraphQueries(options: {
  metrics: ServiceGraphMetrics;
  labels: ServiceGraphLabels;
  windowMinutes: number;
}): ServiceGraphQueries {
  const { metrics, labels, windowMinutes } = options;
  checkMetricNames(metrics);
  checkLabelNames(labels);
  if (!Number.isInteger(windowMinutes) || windowMinutes < 1) {
    throw new Error(`windowMinutes must be a whole number of 1 or more`);
  }
  const by = `${labels.client}, ${labels.server}, ${labels.connectionType}`;
  const window = `[${windowMinutes}m]`;
  return {
    total: `sum by (${by}) (increase(${metrics.requestTotal}${window}))`,
    failed: `sum by (${by}) (increase(${metrics.requestFailedTotal}${window}))`,
    p95Seconds: `histogram_quantile(0.95, sum by (le, ${by}) (rate(${metrics.requestServerSecondsBucket}${window})))`,
  };
}

/** A PromQL string literal: backslashes and double quotes escaped. */
function promString(value: string): string {
  return `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')}"`;
}

/**
 * One edge's failure rate (failed over all requests, per 5 minutes), the
 * graph to look at around an incident.
 */
export function edgeFailureRateQuery(options: {
  metrics: ServiceGraphMetrics;
  labels: ServiceGraphLabels;
  edge: { client: string; server: string; connectionType: string };
}): string {
  const { metrics, labels, edge } = options;
  checkMetricNames(metrics);
  checkLabelNames(labels);
  const match = `{${labels.client}=${promString(edge.client)}, ${
    labels.server
  }=${promString(edge.server)}, ${labels.connectionType}=${promString(
    edge.connectionType,
  )}}`;
  return `sum(rate(${metrics.requestFailedTotal}${match}[5m])) / sum(rate(${metrics.requestTotal}${match}[5m]))`;
}
