import { isRecord } from '@integration-health/plugin-integration-health-common';
import { resolveLocal } from './asyncApiMessages';
import { NOT_SCHEMAS } from './httpPatterns';

/**
 * The document with `readOnly` properties left out of every `required` list,
 * for PactFlow's comparator. OpenAPI says a required read-only property is
 * required in responses only, and clients should not send it; the comparator
 * requires it in requests too, so a mock request without it (as every correct
 * client sends it) would be judged invalid. Responses lose nothing: the
 * comparator treats required response properties as optional anyway.
 */
export function withoutReadOnlyRequired(document: unknown): unknown {
  const isReadOnly = (schema: unknown) => {
    const resolved = resolveLocal(document, schema, '').node;
    return isRecord(resolved) && resolved.readOnly === true;
  };
  const walk = (node: unknown, depth: number): unknown => {
    if (depth > 200) return node;
    if (Array.isArray(node)) return node.map(n => walk(n, depth + 1));
    if (!isRecord(node)) return node;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      copy[key] =
        NOT_SCHEMAS.has(key) || key.startsWith('x-')
          ? value
          : walk(value, depth + 1);
    }
    const properties = node.properties;
    if (Array.isArray(node.required) && isRecord(properties)) {
      copy.required = node.required.filter(
        name =>
          typeof name !== 'string' ||
          !Object.prototype.hasOwnProperty.call(properties, name) ||
          !isReadOnly(properties[name]),
      );
    }
    return copy;
  };
  return walk(document, 0);
}
