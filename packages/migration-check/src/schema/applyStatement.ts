import type { AlterTableCmd, Node, RangeVar } from '@pgsql/types';
import {
  nameParts,
  objectName,
  qualifiedName,
  relationName,
  typeText,
} from '../parse/names';
import { columnModel } from './columnModel';
import { droppedNames, functionSignature, recordOf } from './objectKinds';
import { ColumnModel, renameKey, SchemaModel } from './SchemaModel';

function schemaOf(key: string): string {
  return key.slice(0, key.indexOf('.'));
}

function withSchema(key: string, schema: string): string {
  return `${schema}.${key.slice(key.indexOf('.') + 1)}`;
}

function sameSchema(key: string, name: string): string {
  return `${schemaOf(key)}.${name}`;
}

function markNotNull(schema: SchemaModel, table: string, keys: Node[] = []) {
  for (const column of nameParts(keys)) {
    const model = schema.tables[table]?.columns[column];
    if (model) model.notNull = true;
  }
}

function applyAlterTableCmd(
  schema: SchemaModel,
  table: string,
  cmd: AlterTableCmd,
): void {
  const columns = schema.tables[table]?.columns;
  if (!columns) return;
  const def = cmd.def && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : undefined;
  const column = cmd.name ? columns[cmd.name] : undefined;
  switch (cmd.subtype) {
    case 'AT_AddColumn':
      if (def?.colname) columns[def.colname] = columnModel(def);
      break;
    case 'AT_DropColumn':
      if (cmd.name) delete columns[cmd.name];
      break;
    case 'AT_AlterColumnType':
      if (column && def) column.type = typeText(def.typeName);
      break;
    case 'AT_SetNotNull':
      if (column) column.notNull = true;
      break;
    case 'AT_DropNotNull':
      if (column) column.notNull = false;
      break;
    case 'AT_ColumnDefault':
      if (column) column.hasDefault = cmd.def !== undefined;
      break;
    case 'AT_AddConstraint':
      if (cmd.def && 'Constraint' in cmd.def) {
        const c = cmd.def.Constraint;
        if (c.contype === 'CONSTR_PRIMARY') markNotNull(schema, table, c.keys);
      }
      break;
    default:
  }
}

function createTable(schema: SchemaModel, relation: RangeVar, elts: Node[]) {
  const table = relationName(relation);
  const columns: Record<string, ColumnModel> = {};
  schema.tables[table] = { columns };
  for (const elt of elts) {
    if ('ColumnDef' in elt && elt.ColumnDef.colname) {
      columns[elt.ColumnDef.colname] = columnModel(elt.ColumnDef);
    } else if (
      'Constraint' in elt &&
      elt.Constraint.contype === 'CONSTR_PRIMARY'
    ) {
      markNotNull(schema, table, elt.Constraint.keys);
    }
  }
}

function dropAll(schema: SchemaModel, kind: string, names: string[]) {
  for (const name of names) {
    switch (kind) {
      case 'OBJECT_TABLE':
        delete schema.tables[name];
        for (const [index, model] of Object.entries(schema.indexes)) {
          if (model.table === name) delete schema.indexes[index];
        }
        break;
      case 'OBJECT_VIEW':
      case 'OBJECT_MATVIEW':
        delete schema.views[name];
        break;
      case 'OBJECT_TYPE':
      case 'OBJECT_DOMAIN':
        delete schema.types[name];
        break;
      case 'OBJECT_FUNCTION':
      case 'OBJECT_PROCEDURE':
        delete schema.functions[name];
        break;
      case 'OBJECT_INDEX':
        delete schema.indexes[name];
        break;
      case 'OBJECT_SCHEMA':
        for (const record of Object.values(schema)) {
          for (const key of Object.keys(record)) {
            if (schemaOf(key) === name) {
              delete (record as Record<string, unknown>)[key];
            }
          }
        }
        break;
      default:
    }
  }
}

/** Applies one parsed statement to the model; statements that change no schema leave it as is. */
export function applyStatement(schema: SchemaModel, node: Node): void {
  if ('CreateStmt' in node) {
    const s = node.CreateStmt;
    if (s.relation) createTable(schema, s.relation, s.tableElts ?? []);
  } else if ('CreateTableAsStmt' in node) {
    const s = node.CreateTableAsStmt;
    const name = relationName(s.into?.rel);
    if (s.objtype === 'OBJECT_MATVIEW') {
      schema.views[name] = { materialized: true };
    } else {
      schema.tables[name] = { columns: {} };
    }
  } else if ('AlterTableStmt' in node) {
    const s = node.AlterTableStmt;
    const table = relationName(s.relation);
    for (const cmd of s.cmds ?? []) {
      if ('AlterTableCmd' in cmd)
        applyAlterTableCmd(schema, table, cmd.AlterTableCmd);
    }
  } else if ('RenameStmt' in node) {
    const s = node.RenameStmt;
    if (s.renameType === 'OBJECT_COLUMN') {
      const columns = schema.tables[relationName(s.relation)]?.columns;
      if (columns && s.subname && s.newname) {
        renameKey(columns, s.subname, s.newname);
      }
      return;
    }
    const from = s.relation ? relationName(s.relation) : objectName(s.object);
    const record = recordOf(schema, s.renameType);
    if (record && s.newname)
      renameKey(record, from, sameSchema(from, s.newname));
    if (s.renameType === 'OBJECT_TABLE' && s.newname) {
      for (const index of Object.values(schema.indexes)) {
        if (index.table === from) index.table = sameSchema(from, s.newname);
      }
    }
  } else if ('AlterObjectSchemaStmt' in node) {
    const s = node.AlterObjectSchemaStmt;
    const from = s.relation ? relationName(s.relation) : objectName(s.object);
    const record = recordOf(schema, s.objectType);
    if (!record || !s.newschema) return;
    const to = withSchema(from, s.newschema);
    renameKey(record, from, to);
    if (s.objectType !== 'OBJECT_TABLE') return;
    for (const [key, index] of Object.entries(schema.indexes)) {
      if (index.table !== from) continue;
      index.table = to;
      renameKey(schema.indexes, key, withSchema(key, s.newschema));
    }
  } else if ('DropStmt' in node) {
    const s = node.DropStmt;
    dropAll(schema, s.removeType ?? '', droppedNames(s.removeType, s.objects));
  } else if ('CreateEnumStmt' in node) {
    const s = node.CreateEnumStmt;
    schema.types[qualifiedName(s.typeName)] = { enumValues: nameParts(s.vals) };
  } else if ('CompositeTypeStmt' in node) {
    schema.types[relationName(node.CompositeTypeStmt.typevar)] = {};
  } else if ('CreateDomainStmt' in node) {
    schema.types[qualifiedName(node.CreateDomainStmt.domainname)] = {};
  } else if ('AlterEnumStmt' in node) {
    const s = node.AlterEnumStmt;
    const values = schema.types[qualifiedName(s.typeName)]?.enumValues;
    if (!values || !s.newVal) return;
    if (s.oldVal) {
      const at = values.indexOf(s.oldVal);
      if (at >= 0) values[at] = s.newVal;
    } else if (!values.includes(s.newVal)) {
      const neighbour = s.newValNeighbor
        ? values.indexOf(s.newValNeighbor)
        : -1;
      if (neighbour < 0) values.push(s.newVal);
      else values.splice(neighbour + (s.newValIsAfter ? 1 : 0), 0, s.newVal);
    }
  } else if ('ViewStmt' in node) {
    schema.views[relationName(node.ViewStmt.view)] = { materialized: false };
  } else if ('CreateFunctionStmt' in node) {
    const s = node.CreateFunctionStmt;
    const name = qualifiedName(s.funcname);
    const signature = functionSignature(s.parameters);
    const model = (schema.functions[name] ??= { signatures: [] });
    if (!model.signatures.includes(signature)) model.signatures.push(signature);
  } else if ('IndexStmt' in node) {
    const s = node.IndexStmt;
    const table = relationName(s.relation);
    const name = s.idxname ?? `${s.relation?.relname}_idx`;
    schema.indexes[sameSchema(table, name)] = {
      table,
      unique: s.unique === true,
    };
  }
}
