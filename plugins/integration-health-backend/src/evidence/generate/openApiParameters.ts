import { isRecord } from '@integration-health/plugin-integration-health-common';
import { resolveLocal } from '../mocks/asyncApiMessages';
import { fillPathTemplate } from '../mocks/wireMockMatchers';
import { Examples, examplesOf, pickExample } from './openApiExamples';
import { SchemaSampler } from './samples';

export type Parameter = Record<string, unknown> & { name: string; in: string };

/** Header parameters OpenAPI ignores: the request's media types and credentials say them. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** The path item's and the operation's parameters, the operation's winning, `$ref`s followed. */
export function parametersOf(
  document: unknown,
  pathItem: Record<string, unknown>,
  operation: Record<string, unknown>,
): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const owner of [pathItem, operation]) {
    const list = Array.isArray(owner.parameters) ? owner.parameters : [];
    for (const raw of list) {
      const parameter = resolveLocal(document, raw, '').node;
      if (
        !isRecord(parameter) ||
        typeof parameter.name !== 'string' ||
        typeof parameter.in !== 'string'
      )
        continue;
      if (
        parameter.in === 'header' &&
        IGNORED_HEADERS.has(parameter.name.toLowerCase())
      )
        continue;
      byKey.set(`${parameter.in}:${parameter.name}`, parameter as Parameter);
    }
  }
  return [...byKey.values()];
}

export function parameterExamples(
  document: unknown,
  parameter: Parameter,
): Examples {
  return examplesOf(document, parameter);
}

/** A value as it travels in a path, query or header. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(asText).join(',');
  if (isRecord(value)) return JSON.stringify(value);
  return String(value);
}

/**
 * The value a stub sends for a parameter: its example of that name (or its
 * only one), else a sample of its schema (OpenAPI 2 puts the schema on the
 * parameter itself).
 */
export function parameterValue(
  document: unknown,
  sampler: SchemaSampler,
  parameter: Parameter,
  exampleName: string | undefined,
): string {
  const example = pickExample(
    parameterExamples(document, parameter),
    exampleName,
  );
  if (example) return asText(example.value);
  const { name: _n, in: _i, required: _r, description: _d, ...own } = parameter;
  const schema = isRecord(parameter.schema) ? parameter.schema : own;
  const value = sampler.sample(schema, 'request');
  return asText(value ?? 'value');
}

/**
 * A value for every `{placeholder}` of a path template, and for nothing
 * else: the declared path parameter's value, or `value` for a placeholder no
 * parameter declares (a client fills it all the same; a literal `{id}` is no
 * request path).
 */
export function pathValuesOf(
  template: string,
  declared: Record<string, string>,
): Record<string, string> {
  // With no values given, every placeholder is left unknown: all of them.
  const { unknown } = fillPathTemplate(template, {});
  return Object.fromEntries(
    unknown.map(placeholder => {
      const name = placeholder.slice(1, -1);
      return [
        name,
        Object.prototype.hasOwnProperty.call(declared, name)
          ? declared[name]
          : 'value',
      ];
    }),
  );
}

/** Whether a stub sends the parameter: required ones, and optional ones with the stub's example. */
export function sends(
  document: unknown,
  parameter: Parameter,
  exampleName: string | undefined,
): boolean {
  if (parameter.in === 'path' || parameter.required === true) return true;
  return (
    exampleName !== undefined &&
    parameterExamples(document, parameter).named.has(exampleName)
  );
}

const BASIC = `Basic ${Buffer.from('user:password').toString('base64')}`;

/**
 * Credentials for the operation's first security requirement, so the
 * request is one the provider would accept: API keys in headers or the
 * query, HTTP basic and bearer. OAuth 2, OpenID Connect, mutual TLS and
 * cookies need nothing the checker can see.
 */
export function credentials(
  document: Record<string, unknown>,
  operation: Record<string, unknown>,
): { headers: Record<string, string>; query: Record<string, string> } {
  const headers: Record<string, string> = {};
  const query: Record<string, string> = {};
  const requirements = operation.security ?? document.security;
  const first = Array.isArray(requirements)
    ? requirements.find(isRecord)
    : undefined;
  const schemes =
    (isRecord(document.components) &&
    isRecord(document.components.securitySchemes)
      ? document.components.securitySchemes
      : undefined) ??
    (isRecord(document.securityDefinitions)
      ? document.securityDefinitions
      : {});
  for (const schemeName of Object.keys(first ?? {})) {
    const scheme = resolveLocal(document, schemes[schemeName], '').node;
    if (!isRecord(scheme) || typeof scheme.type !== 'string') continue;
    const type = scheme.type.toLowerCase();
    const httpScheme =
      typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : '';
    if (type === 'apikey' && typeof scheme.name === 'string') {
      if (scheme.in === 'header') headers[scheme.name] = 'api-key';
      if (scheme.in === 'query') query[scheme.name] = 'api-key';
    } else if (
      type === 'basic' ||
      (type === 'http' && httpScheme === 'basic')
    ) {
      headers.Authorization = BASIC;
    } else if (type === 'http' && httpScheme === 'bearer') {
      headers.Authorization = 'Bearer token';
    }
  }
  return { headers, query };
}
