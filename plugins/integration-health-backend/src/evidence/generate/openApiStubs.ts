import { isRecord } from '@integration-health/plugin-integration-health-common';
import { resolveLocal } from '../mocks/asyncApiMessages';
import { OperationMatcher } from '../mocks/matchOperation';
import { NO_EXAMPLES, pairedExampleName } from './openApiExamples';
import {
  credentials,
  parameterExamples,
  parametersOf,
  parameterValue,
  pathValuesOf,
  sends,
} from './openApiParameters';
import {
  requestBodySource,
  responseBodySource,
  stubBody,
} from './openApiBodies';
import { SchemaSampler } from './samples';
import { filledPath, HttpStub } from './stubs';

const METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

/** The server base path mocks carry, as the checker reads it: Swagger 2 `basePath` or the first server's path. */
function basePath(document: Record<string, unknown>): string {
  if (typeof document.basePath === 'string')
    return document.basePath.replace(/\/$/, '');
  const [server] = Array.isArray(document.servers) ? document.servers : [];
  if (!isRecord(server) || typeof server.url !== 'string') return '';
  try {
    return new URL(server.url, 'http://base').pathname.replace(/\/$/, '');
  } catch {
    return ''; // a templated server URL, whose path the checker cannot know either
  }
}

/**
 * The statuses a consumer relies on: each declared 2xx, 4xx and 5xx, a
 * range (`4XX`) as its first status when no status of it is declared, and
 * `default` as 200 when no success is declared.
 */
function statusesOf(
  responses: Record<string, unknown>,
): { status: number; key: string }[] {
  const keys = Object.keys(responses);
  const explicit = keys
    .filter(k => /^[245]\d\d$/.test(k))
    .map(k => ({ status: Number(k), key: k }));
  const ranges = keys
    .filter(k => /^[245]XX$/i.test(k))
    .filter(k => !explicit.some(e => String(e.status)[0] === k[0]))
    .map(k => ({ status: Number(k[0]) * 100, key: k }));
  const all = [...explicit, ...ranges];
  if (!all.some(s => s.status < 300) && responses.default !== undefined)
    all.push({ status: 200, key: 'default' });
  return all.sort((a, b) => a.status - b.status);
}

/**
 * One stub per operation and status the consumer relies on, from the
 * operation's named examples (request and response paired by name) or
 * schema samples. `wanted` says which operations, by their checker name.
 */
export function openApiStubs(
  document: Record<string, unknown>,
  wanted: (operation: string) => boolean,
): HttpStub[] {
  const sampler = new SchemaSampler(document);
  const matcher = new OperationMatcher(document);
  const base = basePath(document);
  const stubs: HttpStub[] = [];
  const paths = isRecord(document.paths) ? document.paths : {};
  for (const [template, rawItem] of Object.entries(paths)) {
    const pathItem = resolveLocal(document, rawItem, '').node;
    if (!isRecord(pathItem)) continue;
    for (const method of METHODS) {
      const operation = pathItem[method];
      const name = `${method.toUpperCase()} ${template}`;
      if (!isRecord(operation) || !wanted(name)) continue;
      const parameters = parametersOf(document, pathItem, operation);
      const bodySource = requestBodySource(document, operation, parameters);
      const security = credentials(document, operation);
      const responses = isRecord(operation.responses)
        ? operation.responses
        : {};
      for (const { status, key } of statusesOf(responses)) {
        const response = resolveLocal(document, responses[key], '').node;
        if (!isRecord(response)) continue;
        const responseSource = responseBodySource(
          document,
          operation,
          response,
        );
        const exampleName = pairedExampleName(
          responseSource?.examples ?? NO_EXAMPLES,
          [
            bodySource?.examples ?? NO_EXAMPLES,
            ...parameters.map(p => parameterExamples(document, p)),
          ],
        );
        const valuesOf = (place: string) =>
          Object.fromEntries(
            parameters
              .filter(p => p.in === place && sends(document, p, exampleName))
              .map(p => [
                p.name,
                parameterValue(document, sampler, p, exampleName),
              ]),
          );
        const requestBody =
          bodySource &&
          stubBody(document, sampler, bodySource, exampleName, 'request');
        const responseBody =
          responseSource &&
          status !== 204 &&
          stubBody(document, sampler, responseSource, exampleName, 'response');
        const stub: HttpStub = {
          operation: name,
          status,
          ...(exampleName !== undefined ? { example: exampleName } : {}),
          method: method.toUpperCase(),
          pathTemplate: `${base}${template}`,
          pathValues: pathValuesOf(`${base}${template}`, valuesOf('path')),
          query: { ...security.query, ...valuesOf('query') },
          headers: { ...security.headers, ...valuesOf('header') },
          ...(bodySource && requestBody
            ? {
                requestBody: {
                  contentType: bodySource.contentType,
                  body: requestBody,
                },
              }
            : {}),
          response: responseSource
            ? {
                contentType: responseSource.contentType,
                ...(responseBody ? { body: responseBody } : {}),
              }
            : {},
        };
        // A base path that makes the path another operation's is left off, as the checker would.
        if (base && matcher.routeOf(filledPath(stub))?.template !== template)
          stub.pathTemplate = template;
        stubs.push(stub);
      }
    }
  }
  return stubs;
}
