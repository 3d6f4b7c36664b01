import { isRecord } from '@integration-health/plugin-integration-health-common';
import { MockInteraction, UnreadableMock } from './mockInteractions';
import { ReadMocks, stringValues } from './readMockDocument';

type Base = { name: string; url?: string; madeFromVersion?: string };

/** `{ "equalTo": "x" }` matchers as their value; other matchers say nothing exact. */
function exactValues(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, matcher] of Object.entries(value)) {
    if (isRecord(matcher) && typeof matcher.equalTo === 'string') {
      out[key] = matcher.equalTo;
    }
  }
  return out;
}

function requestBody(bodyPatterns: unknown): unknown {
  if (!Array.isArray(bodyPatterns)) return undefined;
  for (const pattern of bodyPatterns) {
    if (isRecord(pattern) && pattern.equalToJson !== undefined) {
      const json = pattern.equalToJson;
      return typeof json === 'string' ? JSON.parse(json) : json;
    }
  }
  return undefined;
}

function responseBody(response: Record<string, unknown>): unknown {
  if (response.jsonBody !== undefined) return response.jsonBody;
  if (typeof response.body !== 'string') return undefined;
  try {
    return JSON.parse(response.body);
  } catch {
    return response.body;
  }
}

/** The concrete path of a mapping, or why it has none. */
function pathOf(request: Record<string, unknown>): {
  path?: string;
  query?: string;
  problem?: string;
  uncheckable?: boolean;
} {
  if (typeof request.url === 'string') {
    const [path, query] = request.url.split('?', 2);
    return { path, query };
  }
  if (typeof request.urlPath === 'string') return { path: request.urlPath };
  if (typeof request.urlPathTemplate === 'string') {
    const params = exactValues(request.pathParameters) ?? {};
    return {
      path: request.urlPathTemplate.replace(
        /\{([^}]+)\}/g,
        (whole, name: string) => params[name] ?? whole,
      ),
    };
  }
  if (
    typeof request.urlPattern === 'string' ||
    typeof request.urlPathPattern === 'string'
  ) {
    return {
      problem:
        'it matches URLs by regular expression, so no exact operation can be checked',
      uncheckable: true,
    };
  }
  return { problem: 'the request names no url, urlPath or urlPathTemplate' };
}

function readMapping(
  mapping: unknown,
  index: number,
  base: Base,
): MockInteraction | UnreadableMock {
  const named = isRecord(mapping) ? [mapping.name, mapping.id] : [];
  const name =
    named.find((n): n is string => typeof n === 'string') ??
    `mapping ${index + 1}`;
  const metadata =
    isRecord(mapping) && isRecord(mapping.metadata) ? mapping.metadata : {};
  const ours = isRecord(metadata['integration-health'])
    ? metadata['integration-health']
    : metadata;
  const common = {
    ...base,
    name: `${base.name}#${name}`,
    madeFromVersion:
      base.madeFromVersion ??
      (typeof ours.specVersion === 'string' ? ours.specVersion : undefined),
  };
  if (
    !isRecord(mapping) ||
    !isRecord(mapping.request) ||
    !isRecord(mapping.response)
  ) {
    return { ...common, problem: 'a mapping needs a request and a response' };
  }
  const { request, response } = mapping;
  const method =
    typeof request.method === 'string' ? request.method.toUpperCase() : 'ANY';
  if (method === 'ANY') {
    return {
      ...common,
      problem: 'it matches any method, so no exact operation can be checked',
      uncheckable: true,
    };
  }
  const { path, query, problem, uncheckable } = pathOf(request);
  if (!path) return { ...common, problem: problem!, uncheckable };
  const queryParams = exactValues(request.queryParameters);
  const fullQuery = [
    query,
    queryParams && new URLSearchParams(queryParams).toString(),
  ]
    .filter(Boolean)
    .join('&');
  let body: unknown;
  try {
    body = requestBody(request.bodyPatterns);
  } catch (error) {
    return {
      ...common,
      problem: `its equalToJson body is not JSON: ${(error as Error).message}`,
    };
  }
  return {
    ...common,
    kind: 'http',
    request: {
      method,
      path,
      query: fullQuery || undefined,
      headers: exactValues(request.headers),
      body,
    },
    response: {
      status: typeof response.status === 'number' ? response.status : 200,
      headers: stringValues(response.headers),
      body: responseBody(response),
    },
  };
}

/**
 * The mappings of a WireMock file: one mapping, or `{ "mappings": [...] }`
 * as WireMock's admin API exports them. The spec version a mapping was made
 * from may be recorded as `metadata.specVersion`.
 */
export function readWireMock(content: unknown, base: Base): ReadMocks {
  let mappings: unknown[];
  if (isRecord(content) && Array.isArray(content.mappings)) {
    mappings = content.mappings;
  } else if (isRecord(content) && isRecord(content.request)) {
    mappings = [content];
  } else {
    throw new Error('it is neither a mapping nor `{ "mappings": [...] }`');
  }
  const read: ReadMocks = { interactions: [], unreadable: [] };
  mappings.forEach((mapping, index) => {
    const one = readMapping(mapping, index, base);
    if ('problem' in one) read.unreadable.push(one);
    else read.interactions.push(one);
  });
  return read;
}
