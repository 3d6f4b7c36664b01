import type { Node, RangeVar, TypeName } from '@pgsql/types';

/** Unqualified names resolve in `public`, the default search path. */
export const DEFAULT_SCHEMA = 'public';

/** `schema.name` of a table, view or index reference. */
export function relationName(relation: RangeVar | undefined): string {
  return `${relation?.schemaname ?? DEFAULT_SCHEMA}.${relation?.relname ?? ''}`;
}

/** The strings of a name list such as `["s", "t"]`. */
export function nameParts(names: Node[] | undefined): string[] {
  return (names ?? []).map(n => ('String' in n ? n.String.sval ?? '' : ''));
}

/** `schema.name` of a type or function name list. */
export function qualifiedName(names: Node[] | undefined): string {
  const parts = nameParts(names);
  return parts.length > 1
    ? parts.slice(-2).join('.')
    : `${DEFAULT_SCHEMA}.${parts[0] ?? ''}`;
}

/** `schema.name` of a drop or rename target given as a list or type name. */
export function objectName(object: Node | undefined): string {
  if (!object) return `${DEFAULT_SCHEMA}.`;
  if ('List' in object) return qualifiedName(object.List.items);
  if ('TypeName' in object) return qualifiedName(object.TypeName.names);
  if ('ObjectWithArgs' in object) {
    return qualifiedName(object.ObjectWithArgs.objname);
  }
  if ('String' in object) return `${DEFAULT_SCHEMA}.${object.String.sval}`;
  return `${DEFAULT_SCHEMA}.`;
}

/** `(bigint, text)` of a DROP or RENAME target that names a function's arguments; '' otherwise. */
export function argumentsText(object: Node | undefined): string {
  if (!object || !('ObjectWithArgs' in object)) return '';
  const owa = object.ObjectWithArgs;
  if (owa.args_unspecified) return '';
  return `(${(owa.objargs ?? [])
    .map(a => ('TypeName' in a ? typeText(a.TypeName) : '?'))
    .join(', ')})`;
}

const BUILTIN_TYPES: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  bpchar: 'char',
  timestamptz: 'timestamp with time zone',
  timetz: 'time with time zone',
};

/** A type as a reader writes it: `varchar(40)`, `numeric(12,2)`, `public.status[]`. */
export function typeText(type: TypeName | undefined): string {
  const parts = nameParts(type?.names);
  const builtin = parts[0] === 'pg_catalog' || parts.length === 1;
  const last = parts[parts.length - 1] ?? '';
  let name = builtin ? BUILTIN_TYPES[last] ?? last : parts.join('.');
  const mods = (type?.typmods ?? []).map(m =>
    'A_Const' in m && m.A_Const.ival ? String(m.A_Const.ival.ival ?? 0) : '?',
  );
  if (mods.length > 0) name += `(${mods.join(',')})`;
  return name + '[]'.repeat(type?.arrayBounds?.length ?? 0);
}

/** Serial types are integers whose default is `nextval()`. */
export function isSerial(type: TypeName | undefined): boolean {
  const parts = nameParts(type?.names);
  return (
    parts.length === 1 &&
    [
      'serial',
      'serial2',
      'serial4',
      'serial8',
      'smallserial',
      'bigserial',
    ].includes(parts[0].toLowerCase())
  );
}
