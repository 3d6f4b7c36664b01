/** Reading JSON Schema keywords the same way across OpenAPI 3.0, 3.1 and JSON Schema drafts. */

export type Schema = Record<string, any>;

export function isObject(value: unknown): value is Schema {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** The declared types without `null` (nullability is read on its own). */
export function typesOf(schema: Schema): string[] {
  const type = schema.type;
  let list: unknown[] = [];
  if (Array.isArray(type)) list = type;
  else if (type !== undefined) list = [type];
  return list
    .filter(t => t !== 'null')
    .map(String)
    .sort();
}

export function isNullable(schema: Schema): boolean {
  if (schema.nullable === true) return true;
  if (Array.isArray(schema.type) && schema.type.includes('null')) return true;
  if (schema.type === 'null') return true;
  const alternatives = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  return alternatives.some(s => isObject(s) && s.type === 'null');
}

export type Bound = {
  value: number;
  exclusive: boolean;
  keyword: 'max' | 'exclusive-max' | 'min' | 'exclusive-min';
};

/**
 * `maximum`, exclusive when OpenAPI 3.0's boolean `exclusiveMaximum` says so.
 * A numeric `exclusiveMaximum` (3.1) is a bound of its own, compared apart,
 * as a schema may carry both.
 */
export function upperBound(schema: Schema): Bound | undefined {
  if (typeof schema.maximum !== 'number') return undefined;
  return {
    value: schema.maximum,
    exclusive: schema.exclusiveMaximum === true,
    keyword: 'max',
  };
}

export function exclusiveUpperBound(schema: Schema): Bound | undefined {
  if (typeof schema.exclusiveMaximum !== 'number') return undefined;
  return {
    value: schema.exclusiveMaximum,
    exclusive: true,
    keyword: 'exclusive-max',
  };
}

export function lowerBound(schema: Schema): Bound | undefined {
  if (typeof schema.minimum !== 'number') return undefined;
  return {
    value: schema.minimum,
    exclusive: schema.exclusiveMinimum === true,
    keyword: 'min',
  };
}

export function exclusiveLowerBound(schema: Schema): Bound | undefined {
  if (typeof schema.exclusiveMinimum !== 'number') return undefined;
  return {
    value: schema.exclusiveMinimum,
    exclusive: true,
    keyword: 'exclusive-min',
  };
}

export function requiredOf(schema: Schema): Set<string> {
  return new Set(
    Array.isArray(schema.required) ? schema.required.map(String) : [],
  );
}

export function propertiesOf(schema: Schema): Record<string, unknown> {
  return isObject(schema.properties) ? schema.properties : {};
}

export function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export function show(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
