import {
  matchesPathTemplate,
  parsePathTemplate,
  PathTemplate,
} from '../mocks/pathTemplate';

/** What a stub answers: its status, headers and body, ready to send. */
export type MockResponse = {
  status: number;
  headers: Record<string, string>;
  body?: Buffer;
};

/** One stub of a generated WireMock bundle, as the live mock serves it. */
type MockRoute = {
  /** As the mock checks name it: `GET /transactions/{transactionId}`. */
  operation: string;
  method: string;
  /** The stub's path (with the server's base path) and the operation's (without). */
  paths: PathTemplate[];
  response: MockResponse;
};

/** What a request gets: a stub's response, or why there is none. */
export type MockMatch =
  | { kind: 'answer'; operation: string; response: MockResponse }
  | { kind: 'no-operation'; operations: string[] }
  | { kind: 'no-status'; operation: string; statuses: number[] };

const isRecord = (value: unknown): value is Record<string, any> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A path without parameters, even when it has braces in it. */
const literalPath = (path: string): PathTemplate => ({
  template: path,
  segments: path.split('/').map(segment => [segment]),
  params: 0,
});

function responseOf(response: Record<string, any>): MockResponse | undefined {
  const status = Number(response.status ?? 200);
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    return undefined;
  }
  const headers: Record<string, string> = {};
  if (isRecord(response.headers)) {
    for (const [name, value] of Object.entries(response.headers)) {
      if (typeof value === 'string') headers[name.toLowerCase()] = value;
    }
  }
  let body: Buffer | undefined;
  if (response.jsonBody !== undefined) {
    body = Buffer.from(JSON.stringify(response.jsonBody));
    headers['content-type'] ??= 'application/json';
  } else if (typeof response.body === 'string') {
    body = Buffer.from(response.body);
  } else if (typeof response.base64Body === 'string') {
    body = Buffer.from(response.base64Body, 'base64');
  }
  return { status, headers, body };
}

function routeOf(mapping: unknown): MockRoute | undefined {
  if (!isRecord(mapping) || !isRecord(mapping.request)) return undefined;
  const { request } = mapping;
  const method = String(request.method ?? 'ANY').toUpperCase();
  let stubPath: PathTemplate;
  if (typeof request.urlPathTemplate === 'string') {
    stubPath = parsePathTemplate(request.urlPathTemplate);
  } else if (typeof request.urlPath === 'string') {
    stubPath = literalPath(request.urlPath);
  } else {
    return undefined;
  }
  const response = isRecord(mapping.response)
    ? responseOf(mapping.response)
    : undefined;
  if (!response) return undefined;
  // Generated stubs are named `<operation> → <status>`; the operation's
  // path is the stub's without the server's base path.
  const named = typeof mapping.name === 'string' ? mapping.name : '';
  const operation = named.includes(' → ')
    ? named.slice(0, named.lastIndexOf(' → '))
    : `${method} ${stubPath.template}`;
  const operationPath = operation.startsWith(`${method} /`)
    ? operation.slice(method.length + 1)
    : undefined;
  const paths = [stubPath];
  if (
    operationPath &&
    operationPath !== stubPath.template &&
    stubPath.template.endsWith(operationPath)
  ) {
    paths.push(
      stubPath.params
        ? parsePathTemplate(operationPath)
        : literalPath(operationPath),
    );
  }
  return { operation, method, paths, response };
}

/** The status a `Prefer: code=404` header asks for, as Prism reads it. */
export function preferredStatus(prefer: string | undefined) {
  for (const part of (prefer ?? '').split(/[,;]/)) {
    const [key, value] = part.split('=').map(s => s.trim());
    if (key?.toLowerCase() === 'code' && /^\d{3}$/.test(value ?? '')) {
      return Number(value);
    }
  }
  return undefined;
}

/**
 * The stubs of a generated WireMock bundle, matched the way a provider
 * would route: by method and path template, whatever the values in the
 * path (the stubs' sample values, queries, headers and bodies are not
 * required). Each stub's paths match with and without the server's base
 * path, so a client may call `<mock server>/v2/transactions` or
 * `<mock server>/transactions`. Matching is a forward scan per template.
 */
export class MockRoutes {
  private readonly routes: MockRoute[];

  constructor(content: unknown) {
    const mappings =
      isRecord(content) && Array.isArray(content.mappings)
        ? content.mappings
        : [];
    this.routes = mappings
      .map(routeOf)
      .filter((route): route is MockRoute => route !== undefined)
      // Concrete paths before templated ones, as OpenAPI routes them.
      .sort((a, b) => a.paths[0].params - b.paths[0].params);
  }

  /** Every operation served, sorted: `GET /transactions/{transactionId}`. */
  operations(): string[] {
    return [...new Set(this.routes.map(r => r.operation))].sort();
  }

  match(method: string, path: string, prefer?: number): MockMatch {
    const wanted = method.toUpperCase() === 'HEAD' ? 'GET' : method;
    const trimmed = path.length > 1 ? path.replace(/\/$/, '') : path;
    const first = this.routes.find(
      route =>
        (route.method === wanted.toUpperCase() || route.method === 'ANY') &&
        route.paths.some(template => matchesPathTemplate(template, trimmed)),
    );
    if (!first) return { kind: 'no-operation', operations: this.operations() };
    const stubs = this.routes
      .filter(route => route.operation === first.operation)
      .map(route => route.response)
      .sort((a, b) => a.status - b.status);
    const chosen =
      prefer !== undefined
        ? stubs.find(r => r.status === prefer)
        : stubs.find(r => r.status < 300) ?? stubs[0];
    if (!chosen) {
      return {
        kind: 'no-status',
        operation: first.operation,
        statuses: stubs.map(r => r.status),
      };
    }
    return { kind: 'answer', operation: first.operation, response: chosen };
  }
}
