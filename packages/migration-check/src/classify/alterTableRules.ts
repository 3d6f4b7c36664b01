import type { AlterTableCmd, AlterTableStmt, Constraint } from '@pgsql/types';
import { isSerial, relationName, typeText } from '../parse/names';
import { columnModel, defaultOf } from '../schema/columnModel';
import { RuleContext } from './RuleContext';
import { isWidening } from './typeWidening';
import { isVolatileDefault } from './volatileDefault';

const CONSTRAINT_RULES: Partial<Record<string, string>> = {
  CONSTR_UNIQUE: 'unique-constraint-added',
  CONSTR_PRIMARY: 'primary-key-added',
  CONSTR_CHECK: 'check-constraint-added',
  CONSTR_FOREIGN: 'foreign-key-added',
  CONSTR_EXCLUSION: 'unique-constraint-added',
};

function addConstraint(ctx: RuleContext, table: string, c: Constraint): void {
  if (c.contype === 'CONSTR_NOTNULL') {
    for (const key of c.keys ?? []) {
      const column = 'String' in key ? key.String.sval : '';
      ctx.report({
        ruleId: 'column-set-not-null',
        object: `${table}.${column}`,
        message: `Column ${table}.${column} becomes NOT NULL: writers of NULL fail`,
        tables: [table],
        columns: [`${table}.${column}`],
      });
    }
    return;
  }
  const ruleId = CONSTRAINT_RULES[c.contype ?? ''];
  if (!ruleId) {
    ctx.unclassified();
    return;
  }
  const keys = [...(c.keys ?? []), ...(c.fk_attrs ?? [])].flatMap(k =>
    'String' in k && k.String.sval ? [k.String.sval] : [],
  );
  const name = c.conname ? ` ${c.conname}` : '';
  const on = keys.length > 0 ? ` on (${keys.join(', ')})` : '';
  const validation = c.skip_validation
    ? 'NOT VALID: existing rows are not checked, new writes are'
    : 'existing rows are checked under a lock that blocks writes';
  ctx.report({
    ruleId,
    object: `${table}${c.conname ? `.${c.conname}` : ''}`,
    message: `Constraint${name}${on} added to ${table}; ${
      c.indexname ? `uses existing index ${c.indexname}` : validation
    }`,
    tables: [table],
    columns: keys.map(k => `${table}.${k}`),
  });
}

function addColumn(ctx: RuleContext, table: string, cmd: AlterTableCmd) {
  const def = cmd.def && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : undefined;
  if (!def?.colname) return;
  const object = `${table}.${def.colname}`;
  const model = columnModel(def);
  const touch = { object, tables: [table], columns: [object] };
  const kind = `${def.colname} ${model.type}`;
  if (isVolatileDefault(defaultOf(def)) || isSerial(def.typeName)) {
    ctx.report({
      ...touch,
      ruleId: 'column-added-volatile-default',
      message: `Column ${object} (${model.type}) added with a volatile default: every row of ${table} is rewritten under an exclusive lock`,
    });
  } else if (model.notNull && !model.hasDefault) {
    ctx.report({
      ...touch,
      ruleId: 'column-added-not-null-without-default',
      message: `Column ${object} (${model.type}) added NOT NULL without a default: writers that do not set it fail, and the migration fails on a table with rows`,
    });
  } else {
    ctx.report({
      ...touch,
      ruleId: model.hasDefault
        ? 'column-added-with-default'
        : 'column-added-nullable',
      message: `Column ${kind} added to ${table}${
        model.hasDefault ? ' with a default' : ', nullable'
      }`,
    });
  }
  for (const c of def.constraints ?? []) {
    if (
      'Constraint' in c &&
      ['CONSTR_UNIQUE', 'CONSTR_PRIMARY'].includes(c.Constraint.contype ?? '')
    ) {
      addConstraint(ctx, table, {
        ...c.Constraint,
        keys: [{ String: { sval: def.colname } }],
      });
    }
  }
}

function alterColumnType(ctx: RuleContext, table: string, cmd: AlterTableCmd) {
  const def = cmd.def && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : undefined;
  const object = `${table}.${cmd.name}`;
  const from = ctx.current.tables[table]?.columns[cmd.name ?? '']?.type;
  const to = typeText(def?.typeName);
  const touch = { object, tables: [table], columns: [object] };
  if (from === to) return;
  if (from && isWidening(from, to)) {
    ctx.report({
      ...touch,
      ruleId: 'column-type-widened',
      message: `Column ${object} type widened: ${from} → ${to}`,
    });
    return;
  }
  ctx.report({
    ...touch,
    ruleId: 'column-type-changed',
    message: `Column ${object} type changed: ${from ?? 'unknown'} → ${to}`,
  });
  ctx.report({
    ...touch,
    ruleId: 'column-type-change-rewrites-table',
    message: `Changing ${object} to ${to} rewrites ${table} and its indexes under an exclusive lock`,
  });
}

function alterCommand(ctx: RuleContext, table: string, cmd: AlterTableCmd) {
  const object = `${table}.${cmd.name}`;
  const touch = { object, tables: [table], columns: [object] };
  const column = ctx.current.tables[table]?.columns[cmd.name ?? ''];
  const endColumn = ctx.end.tables[table]?.columns[cmd.name ?? ''];
  switch (cmd.subtype) {
    case 'AT_AddColumn':
      return addColumn(ctx, table, cmd);
    case 'AT_AlterColumnType':
      return alterColumnType(ctx, table, cmd);
    case 'AT_DropColumn':
      return ctx.report({
        ...touch,
        ruleId: 'column-dropped',
        message: `Column ${object}${column ? ` (${column.type})` : ''} dropped`,
      });
    case 'AT_SetNotNull':
      if (column?.notNull) return undefined;
      return ctx.report({
        ...touch,
        ruleId: 'column-set-not-null',
        message: `Column ${object} becomes NOT NULL: writers of NULL fail, and existing rows are scanned under an exclusive lock`,
      });
    case 'AT_DropNotNull':
      return ctx.report({
        ...touch,
        ruleId: 'column-not-null-dropped',
        message: `Column ${object} accepts NULL: readers may now see NULL`,
      });
    case 'AT_ColumnDefault':
      if (!cmd.def && column?.notNull && !endColumn?.hasDefault) {
        return ctx.report({
          ...touch,
          ruleId: 'column-default-dropped-not-null',
          message: `Default of NOT NULL column ${object} dropped: writers that omit it fail`,
        });
      }
      return ctx.report({
        ...touch,
        ruleId: 'column-default-changed',
        message: `Default of ${object} ${cmd.def ? 'set' : 'dropped'}`,
      });
    case 'AT_AddConstraint':
      if (cmd.def && 'Constraint' in cmd.def) {
        return addConstraint(ctx, table, cmd.def.Constraint);
      }
      return ctx.unclassified();
    case 'AT_ValidateConstraint':
      return ctx.report({
        object: `${table}.${cmd.name}`,
        tables: [table],
        ruleId: 'constraint-validated',
        message: `Constraint ${cmd.name} on ${table} validated without blocking writes`,
      });
    case 'AT_DropConstraint':
      return ctx.report({
        object: `${table}.${cmd.name}`,
        tables: [table],
        ruleId: 'constraint-dropped',
        message: `Constraint ${cmd.name} dropped from ${table}`,
      });
    default:
      return ctx.unclassified();
  }
}

/** ALTER TABLE: each command on a table that existed before this migration. */
export function alterTableRules(ctx: RuleContext, stmt: AlterTableStmt): void {
  if (stmt.objtype !== 'OBJECT_TABLE') {
    ctx.unclassified();
    return;
  }
  const table = relationName(stmt.relation);
  if (ctx.introduced.has(table)) return;
  for (const cmd of stmt.cmds ?? []) {
    if ('AlterTableCmd' in cmd) alterCommand(ctx, table, cmd.AlterTableCmd);
  }
}
