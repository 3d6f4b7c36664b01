import { Config } from '@backstage/config';
import { JaegerSourceOptions } from './JaegerSource';

const KEY = 'integrationHealth.observations.jaeger';

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

/**
 * The Jaeger source's options from `integrationHealth.observations.jaeger`;
 * undefined when that is not configured (the source is off).
 */
export function readJaegerConfig(
  config: Config,
): JaegerSourceOptions | undefined {
  const jaeger = config.getOptionalConfig(KEY);
  if (!jaeger) return undefined;
  const baseUrl = jaeger.getString('baseUrl');
  if (!/^https?:\/\//i.test(baseUrl) || !URL.canParse(baseUrl)) {
    throw new Error(`${KEY}.baseUrl must be an http(s) URL, got ${baseUrl}`);
  }
  const headersConfig = jaeger.getOptionalConfig('headers');
  const headers: Record<string, string> = {};
  for (const name of headersConfig?.keys() ?? []) {
    headers[name] = headersConfig!.getString(name);
  }
  return {
    baseUrl,
    lookbackMinutes: boundedInteger(jaeger, 'lookbackMinutes', 1, 10_080, 60),
    headers,
    timeoutMs: boundedInteger(jaeger, 'timeoutSeconds', 1, 300, 30) * 1000,
  };
}
