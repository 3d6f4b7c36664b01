/**
 * Jaeger did not answer usefully: an HTTP error, a hang, a redirect, or
 * something other than a dependency list. The plugin then marks the source
 * stale and keeps what it saw before.
 */
export class JaegerError extends Error {
  name = 'JaegerError';
}
