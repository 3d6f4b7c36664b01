import { Config } from '@backstage/config';
import { readHttpSourceConfig } from '@integration-health/plugin-integration-health-node';
import { JaegerSourceOptions } from './JaegerSource';

/**
 * The Jaeger source's options from `integrationHealth.observations.jaeger`;
 * undefined when that is not configured (the source is off).
 */
export function readJaegerConfig(
  config: Config,
): JaegerSourceOptions | undefined {
  const jaeger = readHttpSourceConfig(
    config,
    'integrationHealth.observations.jaeger',
  );
  if (!jaeger) return undefined;
  return {
    baseUrl: jaeger.baseUrl,
    lookbackMinutes: jaeger.integer('lookbackMinutes', 1, 10_080, 60),
    headers: jaeger.headers,
    timeoutMs: jaeger.timeoutMs,
  };
}
