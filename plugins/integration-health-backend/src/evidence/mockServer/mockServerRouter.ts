import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { integrationIdOf } from '../../http/routeParams';
import { MockServerService } from './MockServerService';
import { preferredStatus } from './mockRoutes';
import {
  PayloadTooLargeError,
  TooManyRequestsError,
  UriTooLongError,
} from './mockServerErrors';

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_PATH_CHARS = 2048;

/** The methods a provider mock answers (HEAD is answered as GET). */
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * `/v1/mock-server/:integrationId/*`: the provider of an integration, mocked
 * from its current spec, for services to point a test environment at.
 */
export function createMockServerRouter(options: {
  httpAuth: HttpAuthService;
  mockServer: MockServerService;
}): express.Router {
  const { httpAuth, mockServer } = options;
  const router = Router();
  // Read with a bound: the mock judges the request as the spec would.
  const rawBody = express.raw({ type: () => true, limit: MAX_BODY_BYTES });
  const readBody = (req: express.Request, res: express.Response) =>
    new Promise<void>((resolve, reject) =>
      rawBody(req, res, error => {
        if (
          (error as { type?: string } | undefined)?.type === 'entity.too.large'
        ) {
          reject(
            new PayloadTooLargeError(
              `The mock server reads request bodies up to ${MAX_BODY_BYTES} bytes`,
            ),
          );
        } else if (error) reject(error);
        else resolve();
      }),
    );

  const serve = async (req: express.Request, res: express.Response) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    const id = integrationIdOf({ integrationId: req.params.integrationId });
    // The rest of the path as sent, still URL-encoded.
    const path = req.path.slice(
      req.path.indexOf('/', '/v1/mock-server/'.length),
    );
    const queryAt = req.originalUrl.indexOf('?');
    const query = queryAt < 0 ? undefined : req.originalUrl.slice(queryAt + 1);
    if (path.length + (query?.length ?? 0) > MAX_PATH_CHARS) {
      throw new UriTooLongError(
        `The mock server matches paths up to ${MAX_PATH_CHARS} characters, query included`,
      );
    }
    await readBody(req, res);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      // The Authorization header carries the caller's Backstage token; it
      // stands in for the API's own credentials, which a spec may require.
      if (typeof value === 'string') headers[name] = value;
    }
    const prefer = preferredStatus(req.header('prefer'));
    try {
      const answer = await mockServer.answer(
        id,
        {
          method: req.method,
          path,
          query,
          headers,
          body: Buffer.isBuffer(req.body) ? req.body : undefined,
          prefer,
        },
        credentials,
      );
      res.status(answer.status);
      for (const [name, value] of Object.entries(answer.headers)) {
        try {
          res.setHeader(name, value);
        } catch {
          // a header Node cannot send (from a spec's example): left out
        }
      }
      res.end(answer.body);
    } catch (error) {
      if (error instanceof TooManyRequestsError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
  };
  for (const method of METHODS) {
    router[method]('/v1/mock-server/:integrationId/*', serve);
  }
  return router;
}
