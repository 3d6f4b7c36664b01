import { isRecord } from '@integration-health/plugin-integration-health-common';
import { withoutPatterns } from './httpPatterns';
import { withoutReadOnlyRequired } from './readOnlyRequired';

/**
 * The OpenAPI document PactFlow's comparator gets: without `pattern`s
 * (HttpPatternChecker runs them in linear time), with read-only properties
 * required in responses only (see withoutReadOnlyRequired), and without a Swagger 2
 * `basePath`, because mocks reach it with the path below the server's base
 * path that OperationMatcher found (OpenAPI 3 `servers` it ignores anyway).
 */
export function comparatorDocument(document: unknown): unknown {
  const copy = withoutReadOnlyRequired(withoutPatterns(document));
  if (!isRecord(copy)) return copy;
  const { basePath: _ignored, ...rest } = copy;
  return rest;
}

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

function anyValue(parameter: unknown): unknown {
  if (!isRecord(parameter) || parameter.in !== 'path') return parameter;
  return { name: parameter.name, in: 'path', required: true, schema: {} };
}

function anyValues(parameters: unknown): unknown {
  return Array.isArray(parameters) ? parameters.map(anyValue) : parameters;
}

function anyValuesByName(parameters: unknown): unknown {
  if (!isRecord(parameters)) return parameters;
  return Object.fromEntries(
    Object.entries(parameters).map(([name, p]) => [name, anyValue(p)]),
  );
}

/**
 * The comparator's document with every path parameter accepting any value,
 * for mocks whose path values are unknown (a `urlPathTemplate` parameter
 * matched by pattern): the comparator stops at a path parameter it rejects,
 * and the rest of such a request is still worth checking.
 */
export function withAnyPathValues(document: unknown): unknown {
  if (!isRecord(document)) return document;
  const paths = isRecord(document.paths) ? document.paths : {};
  const openPaths = Object.fromEntries(
    Object.entries(paths).map(([template, item]) => {
      if (!isRecord(item)) return [template, item];
      const open: Record<string, unknown> = {
        ...item,
        parameters: anyValues(item.parameters),
      };
      for (const method of METHODS) {
        const operation = item[method];
        if (isRecord(operation))
          open[method] = {
            ...operation,
            parameters: anyValues(operation.parameters),
          };
      }
      return [template, open];
    }),
  );
  const components = isRecord(document.components)
    ? {
        ...document.components,
        parameters: anyValuesByName(document.components.parameters),
      }
    : document.components;
  return {
    ...document,
    paths: openPaths,
    ...(components ? { components } : {}),
    ...(document.parameters
      ? { parameters: anyValuesByName(document.parameters) }
      : {}),
  };
}
