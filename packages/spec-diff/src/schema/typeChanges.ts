import type { Direction, TypeVerdict } from './SchemaComparator';
import { isObject, Schema, typesOf } from './schemaModel';

/**
 * How a change of `type` or `format` reads to consumers. JSON is strongly
 * typed (`1` is not `"1"`); text media, parameters and headers are not
 * (anything may be read as a string). Requests accept what they accepted
 * before or break senders; responses return what they returned before or
 * break readers.
 */

// Every integer is a number.
const isSubtype = (sub: string, sup: string) =>
  sub === sup || (sub === 'integer' && sup === 'number');

/** Every type of `sub` (non-empty) is covered by one of `sup`. */
function covers(sup: string[], sub: string[]): boolean {
  return sub.length > 0 && sub.every(t => sup.some(s => isSubtype(t, s)));
}

/** The values of the `from` types still fit the `to` types (only those changed). */
function typeContained(to: string[], from: string[], strong: boolean) {
  if (to.length === 1 && from.length === 1 && isSubtype(from[0], to[0]))
    return true;
  if (!strong)
    return to.length === 0 || (to.length === 1 && to[0] === 'string');
  return false;
}

// Formats whose values all fit in the wider one.
const WIDER_FORMATS: Record<string, Record<string, string[]>> = {
  number: { double: ['float'] },
  integer: { int64: ['int32'], bigint: ['int32', 'int64'] },
  string: { 'date-time': ['date', 'time'] },
};

function formatContained(types: string[], to: string, from: string) {
  if (to === '') return true;
  if (types.length !== 1) return false;
  return WIDER_FORMATS[types[0]]?.[to]?.includes(from) ?? false;
}

/** Breaking toward `toTypes`: the values valid before are not all valid after. */
function breaking(
  added: string[],
  removed: string[],
  toTypes: string[],
  fromFormat: string,
  toFormat: string,
  strong: boolean,
  typeAxis: boolean,
): boolean {
  const typeChanged = typeAxis && (added.length > 0 || removed.length > 0);
  // No type constraint left: anything goes.
  if (typeChanged && toTypes.length === 0) return false;
  const typeBreaks = typeChanged && !typeContained(added, removed, strong);
  const formatBreaks =
    fromFormat !== toFormat && !formatContained(toTypes, toFormat, fromFormat);
  return typeBreaks || formatBreaks;
}

export function typeVerdict(
  base: Schema,
  revision: Schema,
  direction: Direction,
  strong: boolean,
): TypeVerdict {
  const before = typesOf(base);
  const after = typesOf(revision);
  const added = after.filter(t => !before.includes(t));
  const removed = before.filter(t => !after.includes(t));
  const typeChanged = added.length > 0 || removed.length > 0;
  const widened = typeChanged && covers(after, before);
  const narrowed = typeChanged && covers(before, after);
  const concreteSwap = typeChanged && before.length > 0 && after.length > 0;
  const fromFormat = String(base.format ?? '');
  const toFormat = String(revision.format ?? '');
  if (direction === 'request') {
    if (breaking(added, removed, after, fromFormat, toFormat, strong, !widened))
      return 'changed';
    return concreteSwap && !widened ? 'compatible' : 'generalized';
  }
  // Responses: the same question asked the other way round.
  if (breaking(removed, added, before, toFormat, fromFormat, strong, !narrowed))
    return widened ? 'generalized' : 'changed';
  return concreteSwap && !narrowed ? 'compatible' : 'specialized';
}

/**
 * The types a schema allows when it reads as a list of types: a `type` array
 * (OpenAPI 3.1) or a `oneOf`/`anyOf` of plain single-type schemas.
 */
export function listOfTypes(
  schema: Schema,
  resolve: (node: unknown) => Schema | undefined,
): { types: string[]; list: boolean } | undefined {
  if (schema.not || Array.isArray(schema.allOf) || isObject(schema.properties))
    return undefined;
  const own = typesOf(schema);
  if (own.length > 0) return { types: own, list: own.length > 1 };
  for (const keyword of ['oneOf', 'anyOf']) {
    const alternatives = schema[keyword];
    if (!Array.isArray(alternatives) || alternatives.length === 0) continue;
    const types: string[] = [];
    for (const alternative of alternatives) {
      const resolved = resolve(alternative);
      if (!resolved || !isPlainType(resolved)) return undefined;
      if (resolved.type !== 'null') types.push(String(resolved.type));
    }
    return { types: [...new Set(types)].sort(), list: true };
  }
  return undefined;
}

function isPlainType(schema: Schema): boolean {
  return (
    typeof schema.type === 'string' &&
    !isObject(schema.properties) &&
    !schema.oneOf &&
    !schema.anyOf &&
    !schema.allOf
  );
}

/** Types added and removed when either side is a list of types, or undefined. */
export function listOfTypesChange(
  base: Schema,
  revision: Schema,
  resolve: (side: 'base' | 'revision', node: unknown) => Schema | undefined,
): { added: string[]; removed: string[] } | undefined {
  const before = listOfTypes(base, n => resolve('base', n));
  const after = listOfTypes(revision, n => resolve('revision', n));
  if (!before || !after || (!before.list && !after.list)) return undefined;
  const added = after.types.filter(t => !before.types.includes(t));
  const removed = before.types.filter(t => !after.types.includes(t));
  return added.length || removed.length ? { added, removed } : undefined;
}
