import { ObservedCalls } from '@integration-health/plugin-integration-health-node';
import { ServiceGraphLabels } from './serviceGraphQueries';
import { VectorSample } from './parseVector';

/** The three vectors of a service graph, each per client, server and connection type. */
export type ServiceGraphVectors = {
  total: VectorSample[];
  failed: VectorSample[];
  p95Seconds: VectorSample[];
};

const countOf = (value: number) =>
  Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;

/**
 * One ObservedCalls per edge, joining requests, failures and p95 latency
 * (in ms; unset when Prometheus has none, as NaN for an edge without
 * requests). Series without a client or server label, or with a count that
 * is not a number, are left out and summed up in one line each of `errors`.
 */
export function joinServiceGraph(
  vectors: ServiceGraphVectors,
  labels: ServiceGraphLabels,
): { calls: ObservedCalls[]; errors: string[] } {
  const edges = new Map<string, ObservedCalls>();
  const unnamed = new Set<string>();
  const uncounted = new Set<string>();

  const edgeOf = (sample: VectorSample) => {
    const client = sample.metric[labels.client];
    const server = sample.metric[labels.server];
    if (!client || !server) {
      unnamed.add(JSON.stringify(sample.metric));
      return undefined;
    }
    const connectionType = sample.metric[labels.connectionType] || undefined;
    const key = JSON.stringify([client, server, connectionType ?? '']);
    let edge = edges.get(key);
    if (!edge) {
      edge = { client, server, calls: 0 };
      if (connectionType) edge.connectionType = connectionType;
      edges.set(key, edge);
    }
    return { key, edge };
  };

  for (const sample of vectors.total) {
    const found = edgeOf(sample);
    if (!found) continue;
    const calls = countOf(sample.value);
    if (calls === undefined) uncounted.add(found.key);
    else found.edge.calls = calls;
  }
  for (const sample of vectors.failed) {
    const found = edgeOf(sample);
    if (!found) continue;
    const failed = countOf(sample.value);
    if (failed === undefined) uncounted.add(found.key);
    else found.edge.failedCalls = failed;
  }
  for (const sample of vectors.p95Seconds) {
    if (!Number.isFinite(sample.value) || sample.value < 0) continue;
    const found = edgeOf(sample);
    if (found) found.edge.p95LatencyMs = Math.round(sample.value * 1e6) / 1e3;
  }

  const errors: string[] = [];
  if (unnamed.size > 0) {
    errors.push(
      `${unnamed.size} service-graph series had no ${labels.client} or ${
        labels.server
      } label and were left out (labels seen: ${[...unnamed]
        .slice(0, 3)
        .join(' ')})`,
    );
  }
  if (uncounted.size > 0) {
    errors.push(
      `${uncounted.size} service-graph edges had a request count that is not a number of 0 or more and were left out`,
    );
  }
  for (const key of uncounted) edges.delete(key);
  return { calls: [...edges.values()], errors };
}
