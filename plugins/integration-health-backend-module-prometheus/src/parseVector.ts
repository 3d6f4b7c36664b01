import { PrometheusError } from './PrometheusError';

/** One series of an instant vector: its labels and its value (NaN and ±Inf kept). */
export type VectorSample = {
  metric: Record<string, string>;
  value: number;
};

/** Most series read from one answer; a larger one is refused. */
export const MAX_SERIES = 100_000;

function isLabels(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(v => typeof v === 'string')
  );
}

/** Prometheus writes special values as `NaN`, `+Inf` and `-Inf`. */
function sampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  const value = text.trim() === '' ? NaN : Number(text);
  if (Number.isNaN(value)) {
    throw new PrometheusError(
      `Prometheus answered a sample value that is not a number: ${JSON.stringify(
        text.slice(0, 50),
      )}`,
    );
  }
  return value;
}

/**
 * The instant vector in the body of Prometheus's `/api/v1/query`
 * (`{ status: 'success', data: { resultType: 'vector', result: [{ metric,
 * value: [time, "text"] }] } }`). A refused query (`status: 'error'`) throws
 * with Prometheus's own words; anything else throws naming what is wrong.
 */
export function parseVector(
  text: string,
  http: { ok: boolean; status: string },
  maxSeries = MAX_SERIES,
): VectorSample[] {
  const httpStatus = http.status;
  let body: any;
  try {
    body = JSON.parse(text);
  } catch (error) {
    if (!http.ok) {
      throw new PrometheusError(
        `Prometheus answered ${httpStatus}: ${text.slice(0, 200).trim()}`,
      );
    }
    throw new PrometheusError(
      `Prometheus answered something that is not JSON (${
        (error as Error).message
      })`,
    );
  }
  if (body?.status === 'error') {
    const kind =
      typeof body.errorType === 'string' ? ` (${body.errorType})` : '';
    const said =
      typeof body.error === 'string' ? body.error : 'no reason given';
    throw new PrometheusError(
      `Prometheus refused the query${kind}, answering ${httpStatus}: ${said.slice(
        0,
        500,
      )}`,
    );
  }
  if (!http.ok) {
    throw new PrometheusError(`Prometheus answered ${httpStatus}`);
  }
  if (
    body?.status !== 'success' ||
    typeof body.data !== 'object' ||
    !body.data
  ) {
    throw new PrometheusError(
      `Prometheus answered ${httpStatus} without status success and data`,
    );
  }
  if (body.data.resultType !== 'vector' || !Array.isArray(body.data.result)) {
    throw new PrometheusError(
      `Prometheus answered a ${JSON.stringify(
        body.data.resultType,
      )} result, not an instant vector`,
    );
  }
  const result: unknown[] = body.data.result;
  if (result.length > maxSeries) {
    throw new PrometheusError(
      `Prometheus answered ${result.length} series, more than the ${maxSeries} read`,
    );
  }
  return result.map((series: any, index) => {
    if (
      !isLabels(series?.metric) ||
      !Array.isArray(series.value) ||
      series.value.length !== 2 ||
      typeof series.value[1] !== 'string'
    ) {
      throw new PrometheusError(
        `Prometheus's series ${index} has no labels and [time, "value"] pair`,
      );
    }
    return { metric: series.metric, value: sampleValue(series.value[1]) };
  });
}
