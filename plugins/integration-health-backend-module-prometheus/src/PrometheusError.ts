/**
 * Prometheus did not answer usefully: an HTTP error, a refused query, a
 * hang, a redirect, or something other than an instant vector. The plugin
 * then marks the source stale and keeps what it saw before.
 */
export class PrometheusError extends Error {
  name = 'PrometheusError';
}
