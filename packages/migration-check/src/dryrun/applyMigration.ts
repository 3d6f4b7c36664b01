import type { PGlite } from '@electric-sql/pglite';
import { MigrationInputError } from '../errors';
import { parseMigration } from '../parse/parseMigration';
import { MigrationInput, ParseOptions } from '../types';
import { toPostgresError } from './postgresError';
import { RunBudget } from './RunBudget';
import { MigrationFailure } from './types';

/**
 * Runs a migration statement by statement, as a migration tool would; the
 * first error stops it. Returns the failure, or undefined when it applied.
 * A transaction the file leaves open is committed, as at the end of a session.
 */
export async function applyMigration(
  db: PGlite,
  migration: MigrationInput,
  budget: RunBudget,
  options: ParseOptions,
): Promise<MigrationFailure | undefined> {
  const where = { migrationId: migration.id, file: migration.file };
  let parsed;
  try {
    parsed = await parseMigration(migration, options);
  } catch (error) {
    if (!(error instanceof MigrationInputError) || error.code !== 'syntax') {
      throw error;
    }
    const line = error.location.line;
    return {
      ...where,
      line,
      error: { message: error.message, code: '42601', line },
    };
  }
  for (const statement of parsed.statements) {
    budget.check(db);
    try {
      await db.exec(statement.text);
    } catch (error) {
      const pgError = toPostgresError(
        error,
        parsed.source,
        statement.offset,
        statement.line,
      );
      if (db.isInTransaction()) await db.exec('ROLLBACK');
      return { ...where, line: statement.line, error: pgError };
    }
  }
  if (db.isInTransaction()) await db.exec('COMMIT');
  return undefined;
}
