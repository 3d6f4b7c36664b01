import { RootConfigService } from '@backstage/backend-plugin-api';

/**
 * What every source reading another system's HTTP API is configured with,
 * read from one config section, with a reader for its own bounded numbers.
 *
 * @public
 */
export type HttpSourceConfig = {
  /** The section itself, for the source's own keys. */
  section: ReturnType<RootConfigService['getConfig']>;
  /** An http(s) URL. */
  baseUrl: string;
  /** Sent with every request (secrets in the config schema). */
  headers: Record<string, string>;
  /** `timeoutSeconds` (1–300, default 30), in ms. */
  timeoutMs: number;
  /** A whole number from `min` to `max` at `key` of the section, `fallback` when unset; a clear error otherwise. */
  integer(key: string, min: number, max: number, fallback: number): number;
};

/**
 * Reads `baseUrl`, `headers` and `timeoutSeconds` of the section at `key`;
 * undefined when the section is not configured (the source is off). Errors
 * name the key at fault.
 *
 * @public
 */
export function readHttpSourceConfig(
  config: ReturnType<RootConfigService['getConfig']>,
  key: string,
): HttpSourceConfig | undefined {
  const section = config.getOptionalConfig(key);
  if (!section) return undefined;
  const integer = (
    name: string,
    min: number,
    max: number,
    fallback: number,
  ) => {
    const value = section.getOptionalNumber(name) ?? fallback;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(
        `${key}.${name} must be a whole number from ${min} to ${max}, got ${value}`,
      );
    }
    return value;
  };
  const baseUrl = section.getString('baseUrl');
  if (!/^https?:\/\//i.test(baseUrl) || !URL.canParse(baseUrl)) {
    throw new Error(`${key}.baseUrl must be an http(s) URL, got ${baseUrl}`);
  }
  const headersConfig = section.getOptionalConfig('headers');
  const headers: Record<string, string> = {};
  for (const name of headersConfig?.keys() ?? []) {
    headers[name] = headersConfig!.getString(name);
  }
  return {
    section,
    baseUrl,
    headers,
    timeoutMs: integer('timeoutSeconds', 1, 300, 30) * 1000,
    integer,
  };
}
