import type { AlterObjectSchemaStmt, RenameStmt } from '@pgsql/types';
import { argumentsText, objectName, relationName } from '../parse/names';
import { RuleContext } from './RuleContext';

const RENAME_RULES: Partial<Record<string, { ruleId: string; noun: string }>> =
  {
    OBJECT_TABLE: { ruleId: 'table-renamed', noun: 'Table' },
    OBJECT_VIEW: { ruleId: 'view-renamed', noun: 'View' },
    OBJECT_MATVIEW: { ruleId: 'view-renamed', noun: 'Materialized view' },
    OBJECT_FUNCTION: { ruleId: 'function-renamed', noun: 'Function' },
    OBJECT_PROCEDURE: { ruleId: 'function-renamed', noun: 'Procedure' },
    OBJECT_TYPE: { ruleId: 'type-renamed', noun: 'Type' },
    OBJECT_DOMAIN: { ruleId: 'type-renamed', noun: 'Domain' },
    OBJECT_INDEX: { ruleId: 'index-renamed', noun: 'Index' },
    OBJECT_TABCONSTRAINT: { ruleId: 'constraint-renamed', noun: 'Constraint' },
  };

/** Tables, columns of the table, or columns of the type: what readers of `name` use. */
function touched(ctx: RuleContext, kind: string, name: string) {
  if (kind === 'OBJECT_TABLE') {
    return { tables: [name], columns: ctx.columnsOf(name) };
  }
  if (kind === 'OBJECT_TYPE' || kind === 'OBJECT_DOMAIN') {
    return ctx.columnsOfType(name);
  }
  if (kind === 'OBJECT_VIEW' || kind === 'OBJECT_MATVIEW') {
    return { tables: [name], columns: [] };
  }
  return { tables: [], columns: [] };
}

function renameColumn(ctx: RuleContext, stmt: RenameStmt) {
  const table = relationName(stmt.relation);
  if (ctx.introduced.has(table)) return;
  const object = `${table}.${stmt.subname}`;
  ctx.report({
    ruleId: 'column-renamed',
    object,
    message: `Column ${object} renamed: ${stmt.subname} → ${stmt.newname}`,
    tables: [table],
    columns: [object],
  });
}

/** ALTER … RENAME of objects that existed before this migration. */
export function renameRules(ctx: RuleContext, stmt: RenameStmt): void {
  const kind = stmt.renameType ?? '';
  if (kind === 'OBJECT_COLUMN') {
    renameColumn(ctx, stmt);
    return;
  }
  const rule = RENAME_RULES[kind];
  if (!rule) {
    ctx.unclassified();
    return;
  }
  if (kind === 'OBJECT_TABCONSTRAINT') {
    const table = relationName(stmt.relation);
    ctx.report({
      ruleId: rule.ruleId,
      object: `${table}.${stmt.subname}`,
      message: `Constraint ${stmt.subname} on ${table} renamed: ${stmt.subname} → ${stmt.newname}`,
      tables: [table],
    });
    return;
  }
  const from = stmt.relation
    ? relationName(stmt.relation)
    : objectName(stmt.object);
  if (ctx.introduced.has(from) || ctx.recreated.has(from)) return;
  const to = `${from.slice(0, from.indexOf('.'))}.${stmt.newname}`;
  ctx.report({
    ruleId: rule.ruleId,
    object: from,
    message: `${rule.noun} ${from}${argumentsText(
      stmt.object,
    )} renamed: ${from} → ${to}`,
    ...touched(ctx, kind, from),
  });
}

/** ALTER … SET SCHEMA: every reader that qualifies or resolves the old name fails. */
export function setSchemaRules(
  ctx: RuleContext,
  stmt: AlterObjectSchemaStmt,
): void {
  const kind = stmt.objectType ?? '';
  const from = stmt.relation
    ? relationName(stmt.relation)
    : objectName(stmt.object);
  if (ctx.introduced.has(from)) return;
  const to = `${stmt.newschema}.${from.slice(from.indexOf('.') + 1)}`;
  ctx.report({
    ruleId: 'object-schema-changed',
    object: from,
    message: `${from} moved to schema ${stmt.newschema}: ${from} → ${to}`,
    ...touched(ctx, kind, from),
  });
}
