import { ObservedEdge } from '@integration-health/plugin-integration-health-common';

/**
 * What the entity does with the counterpart, in words, read the way service
 * graphs draw it: calls and database access go from consumer to provider,
 * messages from producer to consumer.
 */
export function edgeVerb(
  edge: Pick<ObservedEdge, 'direction' | 'connectionType'>,
): string {
  const outgoing = edge.direction === 'outgoing';
  switch (edge.connectionType) {
    case 'messaging_system':
      return outgoing ? 'receives events from' : 'sends events to';
    case 'database':
      return outgoing ? 'uses the database' : 'is used as a database by';
    default:
      return outgoing ? 'calls' : 'is called by';
  }
}

const count = new Intl.NumberFormat('en');

/** "1,234 calls", "1 call". */
export function formatCalls(calls: number): string {
  return `${count.format(calls)} ${calls === 1 ? 'call' : 'calls'}`;
}

/** A share from 0 to 1 as a percentage that never rounds a failure away. */
export function formatFailureRate(rate: number): string {
  if (rate > 0 && rate < 0.001) return 'under 0.1%';
  return `${Number((rate * 100).toFixed(1))}%`;
}

/** Milliseconds, whole from 10 up. */
export function formatLatency(ms: number): string {
  return `${count.format(ms < 10 ? Number(ms.toFixed(1)) : Math.round(ms))} ms`;
}
