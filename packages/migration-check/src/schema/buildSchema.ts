import { parseMigration } from '../parse/parseMigration';
import { MigrationInput, ParseOptions } from '../types';
import { applyStatement } from './applyStatement';
import { emptySchema, SchemaModel } from './SchemaModel';

/**
 * The schema a migration history leaves, applied in order. A migration that
 * does not parse throws a MigrationInputError naming it.
 *
 * @public
 */
export async function buildSchema(
  history: MigrationInput[],
  options: ParseOptions = {},
): Promise<SchemaModel> {
  const schema = emptySchema();
  for (const migration of history) {
    const { statements } = await parseMigration(migration, options);
    for (const statement of statements) applyStatement(schema, statement.node);
  }
  return schema;
}
