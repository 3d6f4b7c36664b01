import { SpecFormat } from '../types';

const GRAPHQL_START =
  /^(?:\s*(?:#[^\n]*\n|"""[\s\S]*?"""|"[^"\n]*"))*\s*(?:extend\s+)?(?:type|schema|interface|enum|input|union|scalar|directive)\b/;

/** True when text reads like GraphQL SDL rather than YAML or JSON. */
export function looksLikeGraphql(text: string): boolean {
  return GRAPHQL_START.test(text);
}

/** The format of a parsed document, or undefined when it is none we know. */
export function detectFormat(document: unknown): SpecFormat | undefined {
  if (!document || typeof document !== 'object' || Array.isArray(document)) {
    return undefined;
  }
  const doc = document as Record<string, unknown>;
  const openapi = String(doc.openapi ?? '');
  if (openapi.startsWith('3.1') || openapi.startsWith('3.2'))
    return 'openapi-3.1';
  if (openapi.startsWith('3.')) return 'openapi-3.0';
  if (String(doc.swagger ?? '') === '2.0') return 'openapi-2.0';
  const asyncapi = String(doc.asyncapi ?? '');
  if (asyncapi.startsWith('2.')) return 'asyncapi-2';
  if (asyncapi.startsWith('3.')) return 'asyncapi-3';
  if (
    typeof doc.$schema === 'string' ||
    'type' in doc ||
    'properties' in doc ||
    'oneOf' in doc ||
    'anyOf' in doc ||
    'allOf' in doc ||
    '$ref' in doc
  ) {
    return 'json-schema';
  }
  return undefined;
}
