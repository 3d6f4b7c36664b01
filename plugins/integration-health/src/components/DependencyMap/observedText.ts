import { GraphObservedEdge } from '@integration-health/plugin-integration-health-common';

/** How much of an edge's traffic failed: under 1%, under 5%, or more. */
export type FailureBand = 'low' | 'raised' | 'high' | 'unknown';

export function failureBand(rate: number | undefined): FailureBand {
  if (rate === undefined) return 'unknown';
  if (rate < 0.01) return 'low';
  return rate < 0.05 ? 'raised' : 'high';
}

/** A line 1.5 px wide for a trickle, up to 6 px for millions of calls. */
export function callsWidth(calls: number): number {
  return (
    Math.round((1.5 + Math.min(4.5, Math.log10(calls + 1) * 0.75)) * 10) / 10
  );
}

const count = (n: number) => n.toLocaleString('en-US');
const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** What telemetry saw on an edge, in words, for titles and the table. */
export function observedText(edge: GraphObservedEdge): string {
  const measures = [
    `${count(edge.calls)} calls`,
    ...(edge.failureRate !== undefined
      ? [`${percent(edge.failureRate)} failed`]
      : []),
    ...(edge.p95LatencyMs !== undefined
      ? [`p95 ${Math.round(edge.p95LatencyMs)} ms`]
      : []),
  ].join(', ');
  switch (edge.status) {
    case 'confirmed':
      return `Observed: ${measures}`;
    case 'undeclared':
      return `Undeclared: ${measures}, not in the catalog`;
    default:
      return `Not observed: ${
        edge.lastSeenAt
          ? `no traffic since ${edge.lastSeenAt.slice(0, 10)}`
          : 'no traffic seen'
      }`;
  }
}
