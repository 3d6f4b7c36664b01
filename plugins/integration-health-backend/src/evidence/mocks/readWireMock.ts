import { isRecord } from '@integration-health/plugin-integration-health-common';
import { parseLenientJson } from '@integration-health/plugin-integration-health-node';
import {
  MockInteraction,
  UnknownRequestParts,
  UnreadableMock,
} from './mockInteractions';
import { ReadMocks, stringValues } from './readMockDocument';
import {
  bodyOfText,
  fillPathTemplate,
  headerValue,
  literalOfPattern,
  matchedValues,
} from './wireMockMatchers';

type Base = { name: string; url?: string; madeFromVersion?: string };

type HttpInteraction = Extract<MockInteraction, { kind: 'http' }>;

/** Thrown for a mapping WireMock reads but no one exact operation can be checked of. */
class Uncheckable extends Error {}

const JSON_UNIT_PLACEHOLDER = '${json-unit.';

/**
 * A JSON value without the fields and items whose value is a json-unit
 * placeholder (`${json-unit.any-string}`): their values are unknown.
 */
function withoutPlaceholders(
  value: unknown,
  depth = 0,
): { value: unknown; removed: boolean } {
  if (depth > 100) return { value, removed: false };
  const isPlaceholder = (v: unknown) =>
    typeof v === 'string' && v.startsWith(JSON_UNIT_PLACEHOLDER);
  let removed = false;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      if (isPlaceholder(item)) {
        removed = true;
        continue;
      }
      const inner = withoutPlaceholders(item, depth + 1);
      removed ||= inner.removed;
      items.push(inner.value);
    }
    return { value: items, removed };
  }
  if (!isRecord(value)) return { value, removed };
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (isPlaceholder(field)) {
      removed = true;
      continue;
    }
    const inner = withoutPlaceholders(field, depth + 1);
    removed ||= inner.removed;
    copy[key] = inner.value;
  }
  return { value: copy, removed };
}

/**
 * What `bodyPatterns` pin down of the request body. `equalToJson` gives the
 * body (all of it, or the fields given with `ignoreExtraElements`); `equalTo`
 * gives its text; `matchesJsonPath`, `matchesJsonSchema`, `contains`,
 * `binaryEqualTo`… and no patterns at all say nothing of it.
 */
function requestBody(
  bodyPatterns: unknown,
  contentType: string | undefined,
): { body?: unknown; unknown?: UnknownRequestParts['requestBody'] } {
  const patterns = Array.isArray(bodyPatterns)
    ? bodyPatterns.filter(isRecord)
    : [];
  const json = patterns.find(p => p.equalToJson !== undefined);
  if (json) {
    const given =
      typeof json.equalToJson === 'string'
        ? JSON.parse(json.equalToJson)
        : json.equalToJson;
    const { value, removed } = withoutPlaceholders(given);
    const partial = json.ignoreExtraElements === true || removed;
    return { body: value, unknown: partial ? 'partial' : undefined };
  }
  const text = patterns.find(p => typeof p.equalTo === 'string');
  if (text) return { body: bodyOfText(text.equalTo as string, contentType) };
  return { unknown: 'whole' };
}

/** The response body as the mock's consumer sees it, or undefined when unknown. */
function responseBody(
  response: Record<string, unknown>,
  headers: Record<string, string> | undefined,
): unknown {
  if (response.jsonBody !== undefined) return response.jsonBody;
  // base64Body and bodyFileName: a body the mapping does not hold.
  if (typeof response.body !== 'string') return undefined;
  const body = bodyOfText(response.body, headerValue(headers, 'content-type'));
  // A templated body that is not JSON until WireMock renders it is unknown.
  if (typeof body === 'string' && body.includes('{{')) return undefined;
  return body;
}

function responseStatus(status: unknown): number {
  if (status === undefined) return 200; // WireMock's default
  const number =
    typeof status === 'string' && /^\d{3}$/.test(status.trim())
      ? Number(status)
      : status;
  if (
    typeof number !== 'number' ||
    !Number.isInteger(number) ||
    number < 100 ||
    number > 599
  ) {
    throw new Error(
      `its response status ${JSON.stringify(status)?.slice(
        0,
        40,
      )} is not an HTTP status code`,
    );
  }
  return number;
}

/** `url` text split into path and query on its first `?` only. */
function splitUrl(url: string): { path: string; query?: string } {
  const at = url.indexOf('?');
  return at < 0
    ? { path: url }
    : { path: url.slice(0, at), query: url.slice(at + 1) || undefined };
}

/** The concrete path (and query) of a mapping's URL matcher. */
function urlOf(request: Record<string, unknown>): {
  path: string;
  query?: string;
  pathValues?: string[];
} {
  if (typeof request.url === 'string') return splitUrl(request.url);
  if (typeof request.urlPath === 'string') return { path: request.urlPath };
  if (typeof request.urlPathTemplate === 'string') {
    const { known } = matchedValues(request.pathParameters);
    const { path, unknown } = fillPathTemplate(request.urlPathTemplate, known);
    return { path, pathValues: unknown };
  }
  for (const key of ['urlPathPattern', 'urlPattern'] as const) {
    const pattern = request[key];
    if (typeof pattern !== 'string') continue;
    const literal = literalOfPattern(pattern);
    if (literal === undefined) {
      throw new Uncheckable(
        'it matches URLs by regular expression, so no exact operation can be checked',
      );
    }
    return key === 'urlPattern' ? splitUrl(literal) : { path: literal };
  }
  throw new Uncheckable(
    'it matches any URL, so no exact operation can be checked',
  );
}

function readRequest(
  request: Record<string, unknown>,
): Pick<HttpInteraction, 'request' | 'unknown'> {
  const method =
    typeof request.method === 'string' ? request.method.toUpperCase() : 'ANY';
  if (method === 'ANY') {
    throw new Uncheckable(
      'it matches any method, so no exact operation can be checked',
    );
  }
  const { path, query, pathValues } = urlOf(request);
  const queryParams = matchedValues(request.queryParameters);
  const headers = matchedValues(request.headers);
  const credentials = request.basicAuthCredentials;
  if (
    isRecord(credentials) &&
    typeof credentials.username === 'string' &&
    typeof credentials.password === 'string'
  ) {
    headers.known.Authorization = `Basic ${Buffer.from(
      `${credentials.username}:${credentials.password}`,
    ).toString('base64')}`;
  }
  const fullQuery = [query, new URLSearchParams(queryParams.known).toString()]
    .filter(Boolean)
    .join('&');
  let body: ReturnType<typeof requestBody>;
  try {
    body = requestBody(
      request.bodyPatterns,
      headerValue(headers.known, 'content-type'),
    );
  } catch (error) {
    throw new Error(
      `its equalToJson body is not JSON: ${(error as Error).message}`,
    );
  }
  const unknown: UnknownRequestParts = {};
  if (pathValues?.length) unknown.pathValues = pathValues;
  if (queryParams.unknown.length) unknown.query = queryParams.unknown;
  if (headers.unknown.length) unknown.headers = headers.unknown;
  if (body.unknown) unknown.requestBody = body.unknown;
  return {
    request: {
      method,
      path,
      query: fullQuery || undefined,
      headers: Object.keys(headers.known).length ? headers.known : undefined,
      body: body.body,
    },
    unknown: Object.keys(unknown).length ? unknown : undefined,
  };
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
  const { response } = mapping;
  try {
    const { request, unknown } = readRequest(mapping.request);
    const headers = stringValues(response.headers);
    return {
      ...common,
      kind: 'http',
      request,
      ...(unknown ? { unknown } : {}),
      response: {
        status: responseStatus(response.status),
        headers,
        body: responseBody(response, headers),
      },
    };
  } catch (error) {
    return {
      ...common,
      problem: (error as Error).message,
      uncheckable: error instanceof Uncheckable || undefined,
    };
  }
}

/**
 * The mappings of a WireMock file: one mapping, or `{ "mappings": [...] }`
 * as WireMock's admin API exports them; given as JSON or as the file's text
 * (comments allowed, as WireMock allows them). The spec version a mapping
 * was made from may be recorded as `metadata.specVersion`.
 */
export function readWireMock(content: unknown, base: Base): ReadMocks {
  let parsed = content;
  if (typeof content === 'string') {
    try {
      parsed = parseLenientJson(content);
    } catch (error) {
      throw new Error(`it is not JSON (${(error as Error).message})`);
    }
  }
  let mappings: unknown[];
  if (isRecord(parsed) && Array.isArray(parsed.mappings)) {
    mappings = parsed.mappings;
  } else if (isRecord(parsed) && isRecord(parsed.request)) {
    mappings = [parsed];
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
