import type { Node } from '@pgsql/types';
import { objectName, typeText } from '../parse/names';
import { SchemaModel } from './SchemaModel';

/** The model's record that holds objects of a parser object type. */
export function recordOf(
  schema: SchemaModel,
  kind: string | undefined,
): Record<string, unknown> | undefined {
  switch (kind) {
    case 'OBJECT_TABLE':
      return schema.tables;
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
      return schema.views;
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN':
      return schema.types;
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE':
      return schema.functions;
    case 'OBJECT_INDEX':
      return schema.indexes;
    default:
      return undefined;
  }
}

/** The names a DROP statement removes: schema-qualified, or bare for schemas. */
export function droppedNames(
  kind: string | undefined,
  objects: Node[] | undefined,
): string[] {
  if (kind === 'OBJECT_SCHEMA') {
    return (objects ?? []).map(o => ('String' in o ? o.String.sval ?? '' : ''));
  }
  return (objects ?? []).map(objectName);
}

/** `(integer, text)` of a function's input parameters. */
export function functionSignature(parameters: Node[] | undefined): string {
  const types = (parameters ?? []).flatMap(p =>
    'FunctionParameter' in p &&
    p.FunctionParameter.mode !== 'FUNC_PARAM_OUT' &&
    p.FunctionParameter.mode !== 'FUNC_PARAM_TABLE'
      ? [typeText(p.FunctionParameter.argType)]
      : [],
  );
  return `(${types.join(', ')})`;
}
