import { isRecord } from '@integration-health/plugin-integration-health-common';

/**
 * What one WireMock value matcher pins down: `equalTo` gives the value,
 * `absent` says the value is not there, anything else (`matches`,
 * `contains`, `doesNotMatch`, `and`, `hasExactly`…) leaves it unknown.
 */
export type MatchedValue =
  | { kind: 'known'; value: string }
  | { kind: 'absent' }
  | { kind: 'unknown' };

export function matchedValue(matcher: unknown): MatchedValue {
  if (!isRecord(matcher)) return { kind: 'unknown' };
  const { equalTo } = matcher;
  if (
    typeof equalTo === 'string' ||
    typeof equalTo === 'number' ||
    typeof equalTo === 'boolean'
  ) {
    return { kind: 'known', value: String(equalTo) };
  }
  if (matcher.absent === true) return { kind: 'absent' };
  return { kind: 'unknown' };
}

/** Known values by name, and the names whose value is unknown. */
export function matchedValues(matchers: unknown): {
  known: Record<string, string>;
  unknown: string[];
} {
  const known: Record<string, string> = {};
  const unknown: string[] = [];
  if (!isRecord(matchers)) return { known, unknown };
  for (const [name, matcher] of Object.entries(matchers)) {
    const matched = matchedValue(matcher);
    if (matched.kind === 'known') known[name] = matched.value;
    if (matched.kind === 'unknown') unknown.push(name);
  }
  return { known, unknown };
}

const REGEX_SYNTAX = new Set('\\^$.|?*+()[]{}');

/**
 * The text a regular expression matches when it matches one text only:
 * `/users`, `^/users$` or `/v1\.0/users`. Undefined for real patterns. One
 * pass over the pattern; nothing is compiled.
 */
export function literalOfPattern(pattern: string): string | undefined {
  let start = 0;
  let end = pattern.length;
  if (pattern[0] === '^') start = 1;
  if (end > start && pattern[end - 1] === '$' && pattern[end - 2] !== '\\')
    end--;
  let literal = '';
  for (let i = start; i < end; i++) {
    const char = pattern[i];
    if (char === '\\') {
      const next = pattern[i + 1];
      // `\.` is a dot; `\d`, `\w`… are classes.
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined;
      literal += next;
      i++;
    } else if (REGEX_SYNTAX.has(char)) {
      return undefined;
    } else {
      literal += char;
    }
  }
  return literal;
}

/**
 * A `urlPathTemplate` with its parameters filled in from `pathParameters`:
 * an `equalTo` value where there is one, else the `{name}` placeholder,
 * listed as unknown. A forward scan: linear however many `{` the template
 * has.
 */
/** Characters a path segment may hold as they are, and percent escapes. */
const PATH_SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*$/;

/**
 * A `pathParameters` value as the path text it stands for. WireMock compares
 * the raw, still percent-encoded segment (`equalTo: "a%20b"` matches
 * `/items/a%20b`, `"a b"` matches nothing), so a value that is already valid
 * path text is used as it is; any other is encoded.
 */
function asPathSegment(value: string): string {
  return PATH_SEGMENT.test(value) ? value : encodeURIComponent(value);
}

export function fillPathTemplate(
  template: string,
  values: Record<string, string>,
): { path: string; unknown: string[] } {
  const parts: string[] = [];
  const unknown = new Set<string>();
  let at = 0;
  for (;;) {
    const open = template.indexOf('{', at);
    const close = open < 0 ? -1 : template.indexOf('}', open + 1);
    if (close < 0) break;
    const name = template.slice(open + 1, close);
    const placeholder = template.slice(open, close + 1);
    const value = Object.prototype.hasOwnProperty.call(values, name)
      ? values[name]
      : undefined;
    parts.push(template.slice(at, open));
    if (value !== undefined) {
      parts.push(asPathSegment(value));
    } else {
      parts.push(placeholder);
      unknown.add(placeholder);
    }
    at = close + 1;
  }
  parts.push(template.slice(at));
  return { path: parts.join(''), unknown: [...unknown] };
}

/** `application/json`, `application/problem+json`, `text/json`… */
export function isJsonMediaType(contentType: string): boolean {
  const type = contentType.split(';')[0].trim().toLowerCase();
  return (
    type === 'application/json' ||
    type === 'text/json' ||
    (type.startsWith('application/') && type.endsWith('+json'))
  );
}

/**
 * A body given as text: JSON when the content type says JSON (or says
 * nothing) and the text is a JSON object or array; otherwise the text
 * itself, so `text/plain` "12345" stays a string.
 */
export function bodyOfText(text: string, contentType?: string): unknown {
  if (contentType !== undefined && !isJsonMediaType(contentType)) return text;
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return text;
  try {
    return JSON.parse(trimmed);
  } catch {
    return text;
  }
}

/** A header's value, whatever its case. */
export function headerValue(
  headers: Record<string, string> | undefined,
  name: string,
): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === lower) return value;
  }
  return undefined;
}
