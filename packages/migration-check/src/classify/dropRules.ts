import type { DropStmt } from '@pgsql/types';
import { argumentsText } from '../parse/names';
import { droppedNames, recordOf } from '../schema/objectKinds';
import { RuleContext } from './RuleContext';

const DROP_RULES: Partial<Record<string, { ruleId: string; noun: string }>> = {
  OBJECT_TABLE: { ruleId: 'table-dropped', noun: 'Table' },
  OBJECT_VIEW: { ruleId: 'view-dropped', noun: 'View' },
  OBJECT_MATVIEW: { ruleId: 'view-dropped', noun: 'Materialized view' },
  OBJECT_FUNCTION: { ruleId: 'function-dropped', noun: 'Function' },
  OBJECT_PROCEDURE: { ruleId: 'function-dropped', noun: 'Procedure' },
  OBJECT_TYPE: { ruleId: 'type-dropped', noun: 'Type' },
  OBJECT_DOMAIN: { ruleId: 'type-dropped', noun: 'Domain' },
};

function dropIndex(ctx: RuleContext, stmt: DropStmt, name: string) {
  const table = ctx.current.indexes[name]?.table;
  ctx.report({
    ruleId: stmt.concurrent
      ? 'index-dropped-concurrently'
      : 'index-dropped-non-concurrently',
    object: name,
    message: stmt.concurrent
      ? `Index ${name} dropped concurrently`
      : `Index ${name} dropped under a lock that blocks reads and writes of ${
          table ?? 'its table'
        }`,
    tables: table ? [table] : [],
  });
}

function dropSchema(ctx: RuleContext, name: string) {
  const tables = Object.keys(ctx.current.tables).filter(t =>
    t.startsWith(`${name}.`),
  );
  ctx.report({
    ruleId: 'schema-dropped',
    object: name,
    message: `Schema ${name} dropped${
      tables.length > 0 ? ` with tables ${tables.join(', ')}` : ''
    }`,
    tables,
    columns: tables.flatMap(t => ctx.columnsOf(t)),
  });
}

/** DROP of objects that existed before this migration and do not come back in it. */
export function dropRules(ctx: RuleContext, stmt: DropStmt): void {
  const kind = stmt.removeType ?? '';
  const rule = DROP_RULES[kind];
  const cascade = stmt.behavior === 'DROP_CASCADE' ? ' with CASCADE' : '';
  const names = droppedNames(kind, stmt.objects);
  for (const [i, name] of names.entries()) {
    if (kind === 'OBJECT_INDEX') {
      if (!ctx.introduced.has(ctx.current.indexes[name]?.table ?? '')) {
        dropIndex(ctx, stmt, name);
      }
    } else if (kind === 'OBJECT_SCHEMA') {
      dropSchema(ctx, name);
    } else if (!rule) {
      ctx.unclassified();
    } else if (!ctx.introduced.has(name) && !ctx.recreated.has(name)) {
      const isType = kind === 'OBJECT_TYPE' || kind === 'OBJECT_DOMAIN';
      const users = isType ? ctx.columnsOfType(name) : undefined;
      const isTable = kind === 'OBJECT_TABLE';
      const isView = kind === 'OBJECT_VIEW' || kind === 'OBJECT_MATVIEW';
      const known = name in (recordOf(ctx.current, kind) ?? {});
      ctx.report({
        ruleId: rule.ruleId,
        object: name,
        message: `${rule.noun} ${name}${argumentsText(
          stmt.objects?.[i],
        )} dropped${cascade}${
          known ? '' : ' (not created by the earlier migrations)'
        }`,
        tables: isTable || isView ? [name] : users?.tables ?? [],
        columns: isTable ? ctx.columnsOf(name) : users?.columns ?? [],
      });
    }
  }
}
