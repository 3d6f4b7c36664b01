import { Config } from '@backstage/config';
import { readHttpSourceConfig } from '@integration-health/plugin-integration-health-node';
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
  const prometheus = readHttpSourceConfig(config, KEY);
  if (!prometheus) return undefined;
  const metrics: ServiceGraphMetrics = names(
    prometheus.section,
    'metrics',
    DEFAULT_METRICS,
  );
  const labels: ServiceGraphLabels = names(
    prometheus.section,
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
    baseUrl: prometheus.baseUrl,
    windowMinutes: prometheus.integer('windowMinutes', 1, 10_080, 60),
    headers: prometheus.headers,
    timeoutMs: prometheus.timeoutMs,
    metrics,
    labels,
  };
}
