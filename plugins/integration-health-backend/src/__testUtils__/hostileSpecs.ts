/**
 * Candidate specs an attacker or a broken pipeline sends to the CI check,
 * for the property-based test of the route and the load test.
 */

/** A small OpenAPI document; `schemas` are JSON texts placed as S0, S1, …. */
export function openApiWith(schemas: string[], description = 'ok'): string {
  const entries = schemas.map((schema, i) => `"S${i}":${schema}`).join(',');
  return `{"openapi":"3.0.3","info":{"title":"validation-api","version":"2.0.0","description":${JSON.stringify(
    description,
  )}},"paths":{"/validate":{"post":{"requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/S0"}}}},"responses":{"200":{"description":"ok"}}}}},"components":{"schemas":{${entries}}}}`;
}

export const PLAIN_SCHEMA =
  '{"type":"object","required":["id"],"properties":{"id":{"type":"string"}}}';

/** A schema nested `depth` levels through `properties`. */
export const deepSchema = (depth: number) =>
  `${'{"type":"object","properties":{"x":'.repeat(
    depth,
  )}{"type":"string"}${'}}'.repeat(depth)}`;

/** About `bytes` of YAML whose mappings nest one level per line. */
export function deepYaml(bytes: number): string {
  const lines = ['openapi: 3.0.3', 'info: {title: t, version: "1"}', 'paths:'];
  let size = 0;
  for (let level = 0; size < bytes; level++) {
    const line = `${' '.repeat((level % 4000) + 2)}k${level}:`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

/**
 * About `bytes` of valid, wide YAML (thousands of schemas): not hostile in
 * shape, only in size, so parsing and comparing it takes the longest.
 */
export function wideYaml(bytes: number): string {
  const lines = [
    'openapi: 3.0.3',
    'info: {title: validation-api, version: "2.0.0"}',
    'paths: {}',
    'components:',
    '  schemas:',
  ];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const schema = `    S${i}:\n      type: object\n      properties:\n        id: {type: string, description: "field ${i} of a wide schema"}\n        note: {type: string}`;
    lines.push(schema);
    size += schema.length + 1;
  }
  return lines.join('\n');
}

/** A run of `unit` after a start that looks like a spec. */
export const run = (prefix: string, unit: string, count: number) =>
  prefix + unit.repeat(count);
