import type {
  AlterEnumStmt,
  CreateFunctionStmt,
  IndexStmt,
  Node,
} from '@pgsql/types';
import { qualifiedName, relationName } from '../parse/names';
import { RuleContext } from './RuleContext';

function created(
  ctx: RuleContext,
  ruleId: string,
  noun: string,
  name: string,
  touchesTable = false,
) {
  if (ctx.recreated.has(name)) return;
  ctx.report({
    ruleId,
    object: name,
    message: `${noun} ${name} created`,
    tables: touchesTable ? [name] : [],
  });
}

/** CREATE TABLE, CREATE TABLE AS, CREATE MATERIALIZED VIEW, CREATE VIEW, CREATE TYPE, CREATE SCHEMA. */
export function createRules(ctx: RuleContext, node: Node): boolean {
  if ('CreateStmt' in node) {
    created(
      ctx,
      'table-created',
      'Table',
      relationName(node.CreateStmt.relation),
      true,
    );
  } else if ('CreateTableAsStmt' in node) {
    const s = node.CreateTableAsStmt;
    const name = relationName(s.into?.rel);
    if (s.objtype === 'OBJECT_MATVIEW')
      created(ctx, 'view-created', 'Materialized view', name);
    else created(ctx, 'table-created', 'Table', name, true);
  } else if ('ViewStmt' in node) {
    const name = relationName(node.ViewStmt.view);
    if (ctx.recreated.has(name)) return true;
    const exists = name in ctx.current.views;
    ctx.report({
      ruleId: exists ? 'view-replaced' : 'view-created',
      object: name,
      message: `View ${name} ${
        exists ? 'replaced; PostgreSQL only lets it add columns' : 'created'
      }`,
    });
  } else if ('CreateEnumStmt' in node) {
    created(
      ctx,
      'type-created',
      'Enum type',
      qualifiedName(node.CreateEnumStmt.typeName),
    );
  } else if ('CompositeTypeStmt' in node) {
    created(
      ctx,
      'type-created',
      'Composite type',
      relationName(node.CompositeTypeStmt.typevar),
    );
  } else if ('CreateDomainStmt' in node) {
    created(
      ctx,
      'type-created',
      'Domain',
      qualifiedName(node.CreateDomainStmt.domainname),
    );
  } else if ('CreateSchemaStmt' in node) {
    const name = node.CreateSchemaStmt.schemaname ?? '';
    ctx.report({
      ruleId: 'schema-created',
      object: name,
      message: `Schema ${name} created`,
    });
  } else {
    return false;
  }
  return true;
}

/** CREATE [OR REPLACE] FUNCTION / PROCEDURE. */
export function functionRules(
  ctx: RuleContext,
  stmt: CreateFunctionStmt,
): void {
  const name = qualifiedName(stmt.funcname);
  const exists = name in ctx.current.functions;
  const noun = stmt.is_procedure ? 'Procedure' : 'Function';
  ctx.report({
    ruleId: exists && stmt.replace ? 'function-replaced' : 'function-created',
    object: name,
    message: `${noun} ${name} ${
      exists && stmt.replace ? 'replaced' : 'created'
    }`,
  });
}

/** ALTER TYPE … ADD VALUE / RENAME VALUE. */
export function enumRules(ctx: RuleContext, stmt: AlterEnumStmt): void {
  const name = qualifiedName(stmt.typeName);
  if (ctx.introduced.has(name)) return;
  const users = ctx.columnsOfType(name);
  if (stmt.oldVal) {
    ctx.report({
      ruleId: 'enum-value-renamed',
      object: name,
      message: `Value '${stmt.oldVal}' of enum ${name} renamed: '${stmt.oldVal}' → '${stmt.newVal}'`,
      ...users,
    });
  } else {
    ctx.report({
      ruleId: 'enum-value-added',
      object: name,
      message: `Value '${stmt.newVal}' added to enum ${name}`,
      ...users,
    });
  }
}

/** CREATE INDEX: blocks writes to an existing table unless CONCURRENTLY. */
export function indexRules(ctx: RuleContext, stmt: IndexStmt): void {
  const table = relationName(stmt.relation);
  const columns = (stmt.indexParams ?? []).flatMap(p =>
    'IndexElem' in p && p.IndexElem.name ? [p.IndexElem.name] : [],
  );
  const unique = stmt.unique ? 'Unique index' : 'Index';
  const name = stmt.idxname ?? `on ${table} (${columns.join(', ')})`;
  const base = {
    object: stmt.idxname
      ? `${table.slice(0, table.indexOf('.'))}.${stmt.idxname}`
      : table,
    tables: [table],
    columns: columns.map(c => `${table}.${c}`),
  };
  if (ctx.introduced.has(table)) {
    ctx.report({
      ...base,
      ruleId: 'index-created-on-new-table',
      message: `${unique} ${name} created on new table ${table}`,
    });
  } else if (stmt.concurrent) {
    ctx.report({
      ...base,
      ruleId: 'index-created-concurrently',
      message: `${unique} ${name} created concurrently on ${table}`,
    });
  } else {
    ctx.report({
      ...base,
      ruleId: 'index-created-non-concurrently',
      message: `${unique} ${name} created without CONCURRENTLY: writes to ${table} are blocked while it builds${
        stmt.unique ? ', and duplicate values fail the migration' : ''
      }`,
    });
  }
}
