import { ObservedCalls } from '@integration-health/plugin-integration-health-node';
import { JaegerError } from './JaegerError';

/** Most dependency links read from one answer; a larger one is refused. */
export const MAX_EDGES = 100_000;

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 1000;
}

/**
 * The calls in the body of Jaeger's `GET /api/dependencies`
 * (`{ data: [{ parent, child, callCount }] }`, `data: null` when there are
 * none), one per client and server: links Jaeger lists twice are added up.
 * Anything else is a JaegerError naming what is wrong.
 */
export function parseDependencies(
  text: string,
  maxEdges = MAX_EDGES,
): ObservedCalls[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new JaegerError(
      `Jaeger's dependencies are not JSON (${(error as Error).message})`,
    );
  }
  if (typeof body !== 'object' || body === null || !('data' in body)) {
    throw new JaegerError(
      "Jaeger's dependencies answer is not an object with a data list",
    );
  }
  const data = (body as { data: unknown }).data;
  if (data === null) return [];
  if (!Array.isArray(data)) {
    throw new JaegerError("Jaeger's dependencies answer has no data list");
  }
  if (data.length > maxEdges) {
    throw new JaegerError(
      `Jaeger answered ${data.length} dependency links, more than the ${maxEdges} read`,
    );
  }
  const edges = new Map<string, ObservedCalls>();
  data.forEach((link: unknown, index) => {
    const { parent, child, callCount } = (link ?? {}) as Record<
      string,
      unknown
    >;
    if (!isName(parent) || !isName(child)) {
      throw new JaegerError(
        `Jaeger's dependency link ${index} has no parent or child service name`,
      );
    }
    if (
      typeof callCount !== 'number' ||
      !Number.isSafeInteger(callCount) ||
      callCount < 0
    ) {
      throw new JaegerError(
        `Jaeger's dependency link ${parent} → ${child} has a call count that is not a whole number of 0 or more: ${JSON.stringify(
          callCount,
        )}`,
      );
    }
    const key = JSON.stringify([parent, child]);
    const seen = edges.get(key);
    if (seen) seen.calls += callCount;
    else edges.set(key, { client: parent, server: child, calls: callCount });
  });
  return [...edges.values()];
}
