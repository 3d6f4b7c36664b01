/** A media type name read as type, subtype, structured suffix and parameters. */
export type MediaTypeName = {
  type: string;
  subtype: string;
  suffix: string;
  parameters: Record<string, string>;
};

export function parseMediaTypeName(name: string): MediaTypeName | undefined {
  const [essence, ...rest] = name.split(';');
  const slash = essence.indexOf('/');
  if (slash <= 0) return undefined;
  const type = essence.slice(0, slash).trim().toLowerCase();
  const [subtype, suffix = '', extra] = essence
    .slice(slash + 1)
    .trim()
    .toLowerCase()
    .split('+');
  if (!subtype || extra !== undefined) return undefined;
  const parameters: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      parameters[part.slice(0, eq).trim().toLowerCase()] = part
        .slice(eq + 1)
        .trim();
    }
  }
  return { type, subtype, suffix, parameters };
}

/**
 * `narrow` is a kind of `wide`: the same type, or a structured-syntax
 * refinement of it (`application/problem+json` of `application/json`).
 * Parameters are not compared.
 */
export function isMediaTypeContained(wide: string, narrow: string): boolean {
  const a = parseMediaTypeName(wide);
  const b = parseMediaTypeName(narrow);
  if (!a || !b || a.type !== b.type) return false;
  if (!a.suffix && b.suffix === a.subtype) return true;
  return a.subtype === b.subtype && a.suffix === b.suffix;
}

export function sameParameters(a: string, b: string): boolean {
  const x = parseMediaTypeName(a)?.parameters ?? {};
  const y = parseMediaTypeName(b)?.parameters ?? {};
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  return [...keys].every(key => x[key] === y[key]);
}

/**
 * Media types present on one side only, paired where one name is a kind of
 * the other: the same body under a more or less specific name.
 */
export function pairMediaTypes(
  removed: string[],
  added: string[],
): {
  pairs: [before: string, after: string][];
  removed: string[];
  added: string[];
} {
  const pairs: [string, string][] = [];
  const paired = new Set<string>();
  const unpairedAdded: string[] = [];
  for (const name of added) {
    const match = removed.find(
      old =>
        !paired.has(old) &&
        (isMediaTypeContained(old, name) || isMediaTypeContained(name, old)),
    );
    if (match === undefined) unpairedAdded.push(name);
    else {
      paired.add(match);
      pairs.push([match, name]);
    }
  }
  return {
    pairs,
    removed: removed.filter(name => !paired.has(name)),
    added: unpairedAdded,
  };
}
