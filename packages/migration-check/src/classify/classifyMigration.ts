import { parseMigration, ParsedMigration } from '../parse/parseMigration';
import { applyStatement } from '../schema/applyStatement';
import { cloneSchema, emptySchema, SchemaModel } from '../schema/SchemaModel';
import {
  MigrationClassification,
  MigrationInput,
  ParseOptions,
} from '../types';
import { classifyStatement } from './classifyStatement';
import { FindingCollector } from './FindingCollector';
import { introducedNames } from './introducedNames';
import { findRecreated, recreatedRules } from './recreatedObjects';
import { RuleContext } from './RuleContext';

/**
 * Where a migration applies: the schema the earlier migrations leave, or the
 * earlier migrations themselves. With neither, it applies to an empty schema.
 *
 * @public
 */
export type ClassifyOptions = ParseOptions & {
  schema?: SchemaModel;
  history?: MigrationInput[];
};

/** Classifies a parsed migration against the schema before it; returns the schema after it too. */
export function classifyParsed(
  parsed: ParsedMigration,
  start: SchemaModel,
): { classification: MigrationClassification; end: SchemaModel } {
  const end = cloneSchema(start);
  for (const s of parsed.statements) applyStatement(end, s.node);
  const recreated = findRecreated(parsed.statements, start, end);
  const introduced = new Set<string>();
  const collector = new FindingCollector(parsed.migration.id);
  const current = cloneSchema(start);
  for (const { node, line } of parsed.statements) {
    const names = new Set(recreated.keys());
    classifyStatement(
      new RuleContext(start, current, end, introduced, names, collector, line),
      node,
    );
    introducedNames(node, introduced, recreated).forEach(n =>
      introduced.add(n),
    );
    applyStatement(current, node);
  }
  for (const [name, line] of recreated) {
    recreatedRules(
      new RuleContext(
        start,
        start,
        end,
        introduced,
        new Set(),
        collector,
        line,
      ),
      name,
    );
  }
  return {
    classification: { migrationId: parsed.migration.id, ...collector.result() },
    end,
  };
}

/**
 * Classifies every change a migration makes as breaking, warning or info,
 * with the line of its statement and the tables and columns it touches.
 * SQL that does not parse is a MigrationInputError naming file and line.
 *
 * @public
 */
export async function classifyMigration(
  migration: MigrationInput,
  options: ClassifyOptions = {},
): Promise<MigrationClassification> {
  const start = options.schema ? cloneSchema(options.schema) : emptySchema();
  for (const earlier of options.history ?? []) {
    const { statements } = await parseMigration(earlier, options);
    for (const statement of statements) applyStatement(start, statement.node);
  }
  const parsed = await parseMigration(migration, options);
  return classifyParsed(parsed, start).classification;
}

/**
 * Classifies each migration of a history against the ones before it: the
 * schema history a resource page shows.
 *
 * @public
 */
export async function classifyHistory(
  history: MigrationInput[],
  options: ParseOptions = {},
): Promise<MigrationClassification[]> {
  let schema = emptySchema();
  const results: MigrationClassification[] = [];
  for (const migration of history) {
    const step = classifyParsed(
      await parseMigration(migration, options),
      schema,
    );
    results.push(step.classification);
    schema = step.end;
  }
  return results;
}
