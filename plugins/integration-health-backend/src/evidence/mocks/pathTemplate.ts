/**
 * An OpenAPI path template (`/transactions/{id}.json`) matched against a
 * request path without regular expressions: segment by segment, each
 * parameter standing for one or more characters other than `/`. Paths come
 * from mocks (untrusted), so matching is a forward scan, linear in the
 * path's length for each template.
 */
export type PathTemplate = {
  template: string;
  /** Per segment: literal pieces, with a parameter between each two. */
  segments: string[][];
  params: number;
};

export function parsePathTemplate(template: string): PathTemplate {
  let params = 0;
  const segments = template.split('/').map(segment => {
    const pieces: string[] = [];
    let rest = segment;
    for (;;) {
      const open = rest.indexOf('{');
      const close = open < 0 ? -1 : rest.indexOf('}', open);
      if (close < 0) break;
      pieces.push(rest.slice(0, open));
      rest = rest.slice(close + 1);
      params++;
    }
    pieces.push(rest);
    return pieces;
  });
  return { template, segments, params };
}

/**
 * Whether `text` is the literal pieces in order with at least one character
 * in place of each parameter. The first piece is a prefix, the last a suffix
 * and each middle piece taken at its first possible place, which is enough:
 * taking it later leaves no more room for what follows.
 */
function segmentMatches(pieces: string[], text: string): boolean {
  if (pieces.length === 1) return text === pieces[0];
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (!text.startsWith(first)) return false;
  const end = text.length - last.length;
  if (end < first.length || !text.endsWith(last)) return false;
  let at = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = text.indexOf(piece, at + 1);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return end > at;
}

export function matchesPathTemplate(
  route: PathTemplate,
  path: string,
): boolean {
  const parts = path.split('/');
  if (parts.length !== route.segments.length) return false;
  return route.segments.every((pieces, i) => segmentMatches(pieces, parts[i]));
}

/**
 * The values of a template's whole-segment parameters (`{id}` alone between
 * slashes) in a path it matches, decoded: `id = 42`.
 */
export function segmentValues(
  template: string,
  path: string,
): Array<[string, string]> {
  const names = template.split('/');
  const values = path.split('/');
  if (names.length !== values.length) return [];
  const found: Array<[string, string]> = [];
  names.forEach((segment, index) => {
    if (
      segment.startsWith('{') &&
      segment.endsWith('}') &&
      segment.indexOf('}') === segment.length - 1
    ) {
      let value = values[index];
      try {
        value = decodeURIComponent(value);
      } catch {
        // shown as sent
      }
      found.push([segment.slice(1, -1), value]);
    }
  });
  return found;
}
