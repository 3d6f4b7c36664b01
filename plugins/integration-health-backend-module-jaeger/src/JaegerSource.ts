import {
  CollectedObservations,
  fetchBounded,
  ObservationSource,
  ObservedEdgeName,
} from '@integration-health/plugin-integration-health-node';
import { JaegerError } from './JaegerError';
import { parseDependencies } from './parseDependencies';

/** Largest answer read; Jaeger's dependency list of a large estate is far smaller. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type JaegerSourceOptions = {
  /** Jaeger's query service, e.g. `http://jaeger-query:16686`. */
  baseUrl: string;
  lookbackMinutes: number;
  /** Sent with every request (e.g. Authorization), to the base URL only. */
  headers: Record<string, string>;
  timeoutMs: number;
  /** Largest body read (default 10 MB). */
  maxBodyBytes?: number;
};

/** The message of Jaeger's own `errors` list, when a failed answer has one. */
function jaegerErrors(text: string): string | undefined {
  try {
    const errors = JSON.parse(text)?.errors;
    if (!Array.isArray(errors)) return undefined;
    const messages = errors
      .map(e => (typeof e?.msg === 'string' ? e.msg : undefined))
      .filter(Boolean);
    return messages.length ? messages.join('; ').slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which service called which, from Jaeger's dependency links
 * (`GET /api/dependencies`) over the lookback. Jaeger counts calls only:
 * failures and latency are left unset.
 */
export class JaegerSource implements ObservationSource {
  readonly id = 'jaeger';
  private readonly base: URL;

  constructor(private readonly options: JaegerSourceOptions) {
    this.base = new URL(
      options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`,
    );
  }

  async collect({
    signal,
  }: {
    signal: AbortSignal;
  }): Promise<CollectedObservations> {
    const end = Date.now();
    const lookbackMs = this.options.lookbackMinutes * 60_000;
    const url = new URL('api/dependencies', this.base);
    url.searchParams.set('endTs', String(end));
    url.searchParams.set('lookback', String(lookbackMs));
    const response = await fetchBounded(url, {
      headers: { Accept: 'application/json', ...this.options.headers },
      signal,
      timeoutMs: this.options.timeoutMs,
      maxBytes: this.options.maxBodyBytes ?? MAX_BODY_BYTES,
      ErrorType: JaegerError,
    });
    if (response.status < 200 || response.status > 299) {
      const said = jaegerErrors(response.text);
      throw new JaegerError(
        `Jaeger's ${url.pathname} answered ${response.status} ${response.statusText}`.trim() +
          (said ? `: ${said}` : ''),
      );
    }
    return {
      windowStart: new Date(end - lookbackMs).toISOString(),
      windowEnd: new Date(end).toISOString(),
      calls: parseDependencies(response.text),
    };
  }

  /**
   * Jaeger UI's search for the calling service's traces with errors over
   * the range (the query service serves the UI at the same base URL).
   */
  linkTo(edge: ObservedEdgeName, range: { from: Date; to: Date }): string {
    const url = new URL('search', this.base);
    url.searchParams.set('service', edge.client);
    url.searchParams.set('start', String(range.from.getTime() * 1000));
    url.searchParams.set('end', String(range.to.getTime() * 1000));
    url.searchParams.set('lookback', 'custom');
    url.searchParams.set('limit', '20');
    url.searchParams.set('tags', JSON.stringify({ error: 'true' }));
    return url.toString();
  }
}
