import { UnknownRequestParts } from './mockInteractions';

// Schema failures a body known only in part cannot be blamed for.
const PARTIAL_BODY = /must have required property|must NOT have fewer than/;

function names(part: string, prefix: string, list: string[] = []): boolean {
  if (!part.toLowerCase().startsWith(prefix)) return false;
  const rest = part.slice(prefix.length).toLowerCase();
  return list.some(name => {
    const lower = name.toLowerCase();
    return (
      rest === lower ||
      rest.startsWith(`${lower}.`) ||
      rest.startsWith(`${lower}[`)
    );
  });
}

/**
 * Whether a comparator finding is about a part of the request the mock
 * leaves unknown; `part` is its mock location below the interaction
 * (`.request.query.page`).
 */
export function isUnknownPart(
  unknown: UnknownRequestParts | undefined,
  code: string,
  part: string,
  message: string,
): boolean {
  if (!unknown) return false;
  if (part.startsWith('.request.body')) {
    if (unknown.requestBody === 'whole') return true;
    return unknown.requestBody === 'partial' && PARTIAL_BODY.test(message);
  }
  if (code === 'request.authorization.missing') {
    // A credential may be among the values the mock matches by pattern.
    if (part === '.request.headers') return !!unknown.headers?.length;
    if (part === '.request.query') return !!unknown.query?.length;
  }
  return (
    names(part, '.request.query.', unknown.query) ||
    names(part, '.request.headers.', unknown.headers)
  );
}
