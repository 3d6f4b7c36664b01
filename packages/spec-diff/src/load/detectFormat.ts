import { SpecFormat } from '../types';

const SDL_KEYWORDS = new Set([
  'type',
  'schema',
  'interface',
  'enum',
  'input',
  'union',
  'scalar',
  'directive',
]);

// Whitespace as JavaScript's `\s` reads it, plus the comma GraphQL ignores.
function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x2c ||
    code === 0xa0 ||
    code === 0xfeff ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

function isNameChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f
  );
}

/** Index after the string starting at `start` (a `"` or `"""`), or -1 when it never ends. */
function skipString(text: string, start: number): number {
  if (text.startsWith('"""', start)) {
    // Block strings end at the first unescaped `"""`.
    let i = start + 3;
    for (;;) {
      const end = text.indexOf('"""', i);
      if (end === -1) return -1;
      if (text[end - 1] !== '\\') return end + 3;
      i = end + 3;
    }
  }
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return i + 1;
    if (c === '\n' || c === '\r') return -1;
    if (c === '\\') i++;
  }
  return -1;
}

function readName(text: string, start: number): string {
  let end = start;
  while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
  return text.slice(start, end);
}

/**
 * True when text reads like GraphQL SDL rather than YAML or JSON: after
 * comments and descriptions, it opens with a type-system definition.
 * A single forward scan, so hostile text costs time in proportion to its
 * length (the regular expression it replaces backtracked exponentially on a
 * few dozen `"`).
 */
export function looksLikeGraphql(text: string): boolean {
  let i = 0;
  let sawExtend = false;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      i++;
    } else if (code === 0x23 /* # */) {
      const end = text.indexOf('\n', i);
      if (end === -1) return false;
      i = end + 1;
    } else if (code === 0x22 /* " */) {
      if (sawExtend) return false;
      i = skipString(text, i);
      if (i === -1) return false;
    } else {
      const name = readName(text, i);
      if (!sawExtend && name === 'extend') {
        sawExtend = true;
        i += name.length;
        if (i >= text.length || !isSpace(text.charCodeAt(i))) return false;
        continue;
      }
      if (!SDL_KEYWORDS.has(name)) return false;
      // `type Query`, `schema {`, `directive @key`; not YAML's `type: object`.
      let next = i + name.length;
      while (next < text.length && isSpace(text.charCodeAt(next))) next++;
      const after = text.charCodeAt(next);
      return (
        after === 0x7b ||
        after === 0x40 ||
        (isNameChar(after) && next > i + name.length)
      );
    }
  }
  return false;
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
