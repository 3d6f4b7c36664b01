import { fetchBounded } from '@integration-health/plugin-integration-health-node';
import { parseVector, VectorSample } from './parseVector';
import { PrometheusError } from './PrometheusError';

/** Largest answer read; a service graph's vectors are far smaller. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Runs instant queries on Prometheus's HTTP API (`/api/v1/query`). */
export class PrometheusClient {
  private readonly base: URL;

  constructor(
    private readonly options: {
      baseUrl: string;
      /** Sent with every request (e.g. Authorization), to the base URL only. */
      headers: Record<string, string>;
      timeoutMs: number;
      /** Largest body read (default 10 MB). */
      maxBodyBytes?: number;
    },
  ) {
    const { baseUrl } = options;
    this.base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  }

  /**
   * The instant vector `promql` evaluates to at `time`. Prometheus is asked
   * to stop evaluating when our own timeout is up.
   */
  async query(
    promql: string,
    time: Date,
    signal: AbortSignal,
  ): Promise<VectorSample[]> {
    const { timeoutMs } = this.options;
    const url = new URL('api/v1/query', this.base);
    url.searchParams.set('query', promql);
    url.searchParams.set('time', (time.getTime() / 1000).toFixed(3));
    url.searchParams.set('timeout', `${Math.ceil(timeoutMs / 1000)}s`);
    const response = await fetchBounded(url, {
      headers: { Accept: 'application/json', ...this.options.headers },
      signal,
      timeoutMs,
      maxBytes: this.options.maxBodyBytes ?? MAX_BODY_BYTES,
      ErrorType: PrometheusError,
    });
    return parseVector(response.text, {
      ok: response.status >= 200 && response.status <= 299,
      status: `${response.status} ${response.statusText}`.trim(),
    });
  }
}
