import { ParsedStatement } from '../parse/parseMigration';
import { objectName, relationName } from '../parse/names';
import { droppedNames } from '../schema/objectKinds';
import { SchemaModel } from '../schema/SchemaModel';
import { RuleContext } from './RuleContext';

const RECORDS: Record<string, 'tables' | 'types' | 'views'> = {
  OBJECT_TABLE: 'tables',
  OBJECT_TYPE: 'types',
  OBJECT_VIEW: 'views',
};

/**
 * Tables, types and views this migration drops or renames away and creates again
 * under the same name (the usual way to remove an enum value), with the line
 * of the statement that removed the old one.
 */
export function findRecreated(
  statements: ParsedStatement[],
  start: SchemaModel,
  end: SchemaModel,
): Map<string, number> {
  const recreated = new Map<string, number>();
  const note = (kind: string, name: string, line: number) => {
    const record = RECORDS[kind];
    if (name in start[record] && name in end[record] && !recreated.has(name)) {
      recreated.set(name, line);
    }
  };
  for (const { node, line } of statements) {
    if ('DropStmt' in node && (node.DropStmt.removeType ?? '') in RECORDS) {
      const kind = node.DropStmt.removeType!;
      droppedNames(kind, node.DropStmt.objects).forEach(n =>
        note(kind, n, line),
      );
    } else if (
      'RenameStmt' in node &&
      (node.RenameStmt.renameType ?? '') in RECORDS
    ) {
      const s = node.RenameStmt;
      note(
        s.renameType!,
        s.relation ? relationName(s.relation) : objectName(s.object),
        line,
      );
    }
  }
  return recreated;
}

/** What readers lose when a type or table comes back different: enum values, columns, column types. */
export function recreatedRules(ctx: RuleContext, name: string): void {
  if (ctx.start.views[name]) {
    ctx.report({
      ruleId: 'view-replaced',
      object: name,
      message: `View ${name} dropped and created again`,
      tables: [name],
    });
    return;
  }
  const type = ctx.start.types[name];
  if (type) {
    const after = ctx.end.types[name]?.enumValues ?? [];
    const removed = (type.enumValues ?? []).filter(v => !after.includes(v));
    const users = ctx.columnsOfType(name);
    for (const value of removed) {
      ctx.report({
        ruleId: 'enum-value-removed',
        object: name,
        message: `Value '${value}' removed from enum ${name}`,
        ...users,
      });
    }
    if (removed.length === 0) {
      ctx.report({
        ruleId: 'type-recreated',
        object: name,
        message: `Type ${name} dropped and created again: columns of this type are rewritten`,
        ...users,
      });
    }
    return;
  }
  const before = ctx.start.tables[name]?.columns ?? {};
  const after = ctx.end.tables[name]?.columns ?? {};
  for (const [column, model] of Object.entries(before)) {
    const object = `${name}.${column}`;
    const touch = { object, tables: [name], columns: [object] };
    if (!after[column]) {
      ctx.report({
        ...touch,
        ruleId: 'column-dropped',
        message: `Column ${object} (${model.type}) dropped when ${name} was created again`,
      });
    } else if (after[column].type !== model.type) {
      ctx.report({
        ...touch,
        ruleId: 'column-type-changed',
        message: `Column ${object} type changed: ${model.type} → ${after[column].type}`,
      });
    }
  }
}
