import { Config } from '@backstage/config';
import { PrometheusSourceOptions } from './PrometheusSource';
import {
  checkLabelNames,
  checkMetricNames,
  DEFAULT_LABELS,
  DEFAULT_METRICS,
  ServiceGraphLabels,
  ServiceGraphMetrics,
} from './serviceGraphQueries';

const KEY = 'integrationHealth.observations.prometheus';

/** A whole number from `min` to `max` at `key`, `fallback` when unset; a clear error otherwise. */
function boundedInteger(
  config: Config,
  key: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `${KEY}.${key} must be a whole number from ${min} to ${max}, got ${value}`,
    );
  }
  return value;
}

/** Each of `defaults`' keys from `config` at `key`, else its default. */
function names<T extends Record<string, string>>(
  config: Config,
  key: string,
  defaults: T,
): T {
  const section = config.getOptionalConfig(key);
  const read = { ...defaults };
  for (const name of Object.keys(defaults) as Array<keyof T & string>) {
    const value = section?.getOptionalString(name);
    if (value !== undefined) read[name] = value as T[typeof name];
  }
  return read;
}

/**
 * The Prometheus source's options from
 * `integrationHealth.observations.prometheus`; undefined when that is not
 * configured (the source is off). Metric and label names must be
 * Prometheus names, so configuration cannot add PromQL.
 */
export function readPrometheusConfig(
  config: Config,
): PrometheusSourceOptions | undefined {
  const prometheus = config.getOptionalConfig(KEY);
  if (!prometheus) return undefined;
  const baseUrl = prometheus.getString('baseUrl');
  if (!/^https?:\/\//i.test(baseUrl) || !URL.canParse(baseUrl)) {
    throw new Error(`${KEY}.baseUrl must be an http(s) URL, got ${baseUrl}`);
  }
  const headersConfig = prometheus.getOptionalConfig('headers');
  const headers: Record<string, string> = {};
  for (const name of headersConfig?.keys() ?? []) {
    headers[name] = headersConfig!.getString(name);
  }
  const metrics: ServiceGraphMetrics = names(
    prometheus,
    'metrics',
    DEFAULT_METRICS,
  );
  const labels: ServiceGraphLabels = names(
    prometheus,
    'labels',
    DEFAULT_LABELS,
  );
  try {
    checkMetricNames(metrics);
    checkLabelNames(labels);
  } catch (error) {
    throw new Error(`${KEY}.${(error as Error).message}`);
  }
  return {
    baseUrl,
    windowMinutes: boundedInteger(prometheus, 'windowMinutes', 1, 10_080, 60),
    headers,
    timeoutMs: boundedInteger(prometheus, 'timeoutSeconds', 1, 300, 30) * 1000,
    metrics,
    labels,
  };
}
