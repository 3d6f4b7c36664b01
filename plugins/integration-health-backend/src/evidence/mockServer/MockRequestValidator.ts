import { MockChecker, SpecNotCheckableError } from '../mocks/checkMocks';
import { isJsonMediaType } from '../mocks/wireMockMatchers';
import { MockResponse } from './mockRoutes';

/** A request to the live mock as it arrived: the path and query still URL-encoded. */
export type ArrivedRequest = {
  method: string;
  path: string;
  query?: string;
  headers: Record<string, string>;
  body?: Buffer;
};

/** Headers of the transport, not of the API: never judged. */
const TRANSPORT_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'accept-encoding',
  'user-agent',
  'keep-alive',
  'prefer',
]);

function bodyOf(
  request: ArrivedRequest,
): { ok: true; body?: unknown } | { ok: false; problem: string } {
  if (!request.body || request.body.length === 0) return { ok: true };
  const text = request.body.toString('utf8');
  const type = Object.entries(request.headers).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )?.[1];
  if (!type || !isJsonMediaType(type)) return { ok: true, body: text };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false, problem: `the request body is not JSON (${type})` };
  }
}

/**
 * Judges a request to the live mock as the provider's current spec would:
 * the same check the plugin runs on a consumer's mocks, on a one-interaction
 * pact made of the request and the stub's answer (valid by construction, so
 * every problem found is the request's). A spec that cannot be checked
 * against judges nothing.
 */
export class MockRequestValidator {
  constructor(private readonly checker: MockChecker) {}

  async problems(
    request: ArrivedRequest,
    answer: MockResponse,
  ): Promise<string[]> {
    const body = bodyOf(request);
    if (!body.ok) return [body.problem];
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        ([name]) => !TRANSPORT_HEADERS.has(name.toLowerCase()),
      ),
    );
    const responseText = answer.body?.toString('utf8');
    let responseBody: unknown = responseText;
    if (
      responseText !== undefined &&
      isJsonMediaType(answer.headers['content-type'] ?? '')
    ) {
      try {
        responseBody = JSON.parse(responseText);
      } catch {
        // a stub whose JSON type has text: judged as text
      }
    }
    const pact = {
      consumer: { name: 'caller' },
      provider: { name: 'mock' },
      metadata: { pactSpecification: { version: '2.0.0' } },
      interactions: [
        {
          description: 'request',
          request: {
            method: request.method,
            path: request.path,
            ...(request.query ? { query: request.query } : {}),
            headers,
            ...(body.body !== undefined ? { body: body.body } : {}),
          },
          response: {
            status: answer.status,
            headers: answer.headers,
            ...(responseBody !== undefined ? { body: responseBody } : {}),
          },
        },
      ],
    };
    try {
      const { checks } = await this.checker.check(
        [
          {
            source: 'mock-server',
            document: { name: 'request', format: 'pact', content: pact },
          },
        ],
        new Date().toISOString(),
      );
      return checks.flatMap(check => check.problems);
    } catch (error) {
      if (error instanceof SpecNotCheckableError) return [];
      throw error;
    }
  }
}
