import { ResponseError } from '@backstage/errors';

/** The server's own explanation, when it sent one, after the HTTP status. */
export function describeError(error: Error): string {
  return error instanceof ResponseError
    ? `${error.message}: ${error.cause.message}`
    : error.message;
}
