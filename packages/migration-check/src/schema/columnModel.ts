import type { ColumnDef, Constraint, Node } from '@pgsql/types';
import { isSerial, typeText } from '../parse/names';
import { ColumnModel } from './SchemaModel';

function constraintsOf(def: ColumnDef): Constraint[] {
  return (def.constraints ?? []).flatMap(c =>
    'Constraint' in c ? [c.Constraint] : [],
  );
}

/** The model of a column definition in CREATE TABLE or ADD COLUMN. */
export function columnModel(def: ColumnDef): ColumnModel {
  const constraints = constraintsOf(def);
  return {
    type: typeText(def.typeName),
    notNull:
      def.is_not_null === true ||
      constraints.some(
        c => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY',
      ),
    hasDefault:
      isSerial(def.typeName) ||
      constraints.some(
        c =>
          c.contype === 'CONSTR_DEFAULT' ||
          c.contype === 'CONSTR_IDENTITY' ||
          c.contype === 'CONSTR_GENERATED',
      ),
  };
}

/** The default expression of a column definition, when it has one. */
export function defaultOf(def: ColumnDef): Node | undefined {
  return constraintsOf(def).find(c => c.contype === 'CONSTR_DEFAULT')?.raw_expr;
}
