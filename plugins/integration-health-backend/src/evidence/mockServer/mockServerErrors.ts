import { CustomErrorBase } from '@backstage/errors';

/** Too many requests to one integration's mock; try again after `retryAfterSeconds`. */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  readonly statusCode = 429;

  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

/** A request body larger than the mock server reads. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}

/** A request path longer than the mock server matches. */
export class UriTooLongError extends CustomErrorBase {
  name = 'UriTooLongError' as const;
  readonly statusCode = 414;
}
