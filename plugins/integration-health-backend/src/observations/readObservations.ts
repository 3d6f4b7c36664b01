import { InputError } from '@backstage/errors';
import { isRecord } from '@integration-health/plugin-integration-health-common';
import {
  CollectedObservations,
  ObservedCalls,
} from '@integration-health/plugin-integration-health-node';

/** What one answer may hold; more is refused, not cut. */
export const MAX_OBSERVED_EDGES = 50_000;
const MAX_NAME = 255;
const CONNECTION_TYPE = /^[A-Za-z_]{0,64}$/;

const count = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Why one reported edge cannot be taken, if it cannot. */
function problemOf(call: unknown): string | undefined {
  if (!isRecord(call)) return 'an edge is not an object';
  for (const side of ['client', 'server'] as const) {
    const name = call[side];
    if (
      typeof name !== 'string' ||
      name.length === 0 ||
      name.length > MAX_NAME
    ) {
      return `an edge's ${side} is not a service name of 1 to ${MAX_NAME} characters`;
    }
  }
  if (
    call.connectionType !== undefined &&
    (typeof call.connectionType !== 'string' ||
      !CONNECTION_TYPE.test(call.connectionType))
  ) {
    return `the edge ${call.client} → ${call.server} has a connection type that is not a word`;
  }
  if (!count(call.calls)) {
    return `the edge ${call.client} → ${call.server} has no count of calls`;
  }
  if (call.failedCalls !== undefined && !count(call.failedCalls)) {
    return `the edge ${call.client} → ${call.server} has a failed count that is not a count`;
  }
  if (call.p95LatencyMs !== undefined && !count(call.p95LatencyMs)) {
    return `the edge ${call.client} → ${call.server} has a latency that is not a duration`;
  }
  return undefined;
}

/**
 * A source's or a push's observations in one shape, with the edges that
 * cannot be taken left out and said once per kind of problem; an answer
 * that is not observations at all is refused with why.
 */
export function readObservations(
  answer: unknown,
  now: Date,
): CollectedObservations & { errors: string[] } {
  if (!isRecord(answer)) {
    throw new InputError(
      'observations must be { windowStart, windowEnd, calls: [...] }',
    );
  }
  const start = Date.parse(String(answer.windowStart));
  const end = Date.parse(String(answer.windowEnd));
  if (Number.isNaN(start) || Number.isNaN(end) || start > end) {
    throw new InputError(
      'windowStart and windowEnd must be ISO 8601 times, the start not after the end',
    );
  }
  if (end > now.getTime() + 86_400_000) {
    throw new InputError('windowEnd is more than a day ahead');
  }
  if (!Array.isArray(answer.calls)) {
    throw new InputError('calls must be a list of edges');
  }
  if (answer.calls.length > MAX_OBSERVED_EDGES) {
    throw new InputError(
      `${answer.calls.length} edges are more than the ${MAX_OBSERVED_EDGES} one answer may hold`,
    );
  }
  const problems = new Map<string, number>();
  const calls: ObservedCalls[] = [];
  for (const call of answer.calls) {
    const problem = problemOf(call);
    if (problem) {
      problems.set(problem, (problems.get(problem) ?? 0) + 1);
      continue;
    }
    const edge = call as ObservedCalls;
    calls.push({
      client: edge.client,
      server: edge.server,
      ...(edge.connectionType ? { connectionType: edge.connectionType } : {}),
      calls: Math.round(edge.calls),
      ...(edge.failedCalls !== undefined
        ? {
            failedCalls: Math.min(
              Math.round(edge.failedCalls),
              Math.round(edge.calls),
            ),
          }
        : {}),
      ...(edge.p95LatencyMs !== undefined
        ? { p95LatencyMs: edge.p95LatencyMs }
        : {}),
    });
  }
  const errors = [
    ...(Array.isArray(answer.errors)
      ? answer.errors.filter((e): e is string => typeof e === 'string')
      : []),
    ...[...problems].map(([problem, n]) =>
      n > 1 ? `${problem} (and ${n - 1} more like it)` : problem,
    ),
  ];
  return {
    windowStart: new Date(start).toISOString(),
    windowEnd: new Date(end).toISOString(),
    calls,
    errors,
  };
}
