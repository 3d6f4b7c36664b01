/**
 * Path templates (`/pets/{petId}`) read by a forward scan: paths are keys of
 * untrusted documents, and the regular expression this replaces
 * (`/\{[^}]*\}/g`) took quadratic time on a long run of `{`.
 */

/** Each `{…}` span of a path: the text between a `{` and the next `}`. */
function spans(path: string): { start: number; end: number }[] {
  const result: { start: number; end: number }[] = [];
  let i = 0;
  while (i < path.length) {
    const open = path.indexOf('{', i);
    if (open === -1) break;
    const close = path.indexOf('}', open + 1);
    // Without a `}` after this `{`, there is none after any later one either.
    if (close === -1) break;
    result.push({ start: open, end: close + 1 });
    i = close + 1;
  }
  return result;
}

/** `/pets/{petId}` and `/pets/{id}` are the same endpoint: `/pets/{}`. */
export function pathKey(path: string): string {
  let key = '';
  let from = 0;
  for (const { start, end } of spans(path)) {
    key += `${path.slice(from, start)}{}`;
    from = end;
  }
  return key + path.slice(from);
}

/** The names of a path's template parameters, in order. */
export function templateParameters(path: string): string[] {
  return spans(path).map(({ start, end }) => path.slice(start + 1, end - 1));
}
