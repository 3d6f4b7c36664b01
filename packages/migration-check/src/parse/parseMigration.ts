import type { Node } from '@pgsql/types';
import { hasSqlDetails, parse } from 'libpg-query';
import { MigrationInputError } from '../errors';
import { MigrationInput, ParseOptions } from '../types';
import { SourceText } from './SourceText';

/** One statement of a migration, with its text and where it starts. */
export type ParsedStatement = {
  node: Node;
  /** The statement's own text, without the separating semicolon. */
  text: string;
  /** Character index in the migration where `text` starts. */
  offset: number;
  /** Line of its first token, from 1. */
  line: number;
};

export type ParsedMigration = {
  migration: MigrationInput;
  source: SourceText;
  statements: ParsedStatement[];
};

const DEFAULT_MAX_SQL_BYTES = 5_000_000;

/**
 * Splits a migration into statements with PostgreSQL's own parser. SQL that
 * does not parse, or a file over the size bound, is a MigrationInputError
 * naming the file and line.
 */
export async function parseMigration(
  migration: MigrationInput,
  options: ParseOptions = {},
): Promise<ParsedMigration> {
  const where = { migrationId: migration.id, file: migration.file };
  const bytes = Buffer.byteLength(migration.sql);
  const maxBytes = options.maxSqlBytes ?? DEFAULT_MAX_SQL_BYTES;
  if (bytes > maxBytes) {
    throw new MigrationInputError(
      'too-large',
      `migration is ${bytes} bytes, over the limit of ${maxBytes}`,
      where,
    );
  }
  const source = new SourceText(migration.sql);
  let raw;
  try {
    raw = await parse(migration.sql);
  } catch (error) {
    if (!hasSqlDetails(error)) throw error;
    const details = error.sqlDetails!;
    const position = source.lineColumn(
      Math.min(details.cursorPosition, migration.sql.length),
    );
    throw new MigrationInputError('syntax', details.message, {
      ...where,
      ...position,
    });
  }
  const statements: ParsedStatement[] = [];
  for (const stmt of raw.stmts ?? []) {
    if (!stmt.stmt) continue;
    const startByte = stmt.stmt_location ?? 0;
    const start = source.charIndexOfByte(startByte);
    const end =
      stmt.stmt_len === undefined || stmt.stmt_len === 0
        ? migration.sql.length
        : source.charIndexOfByte(startByte + stmt.stmt_len);
    const first = source.skipBlanksAndComments(start);
    statements.push({
      node: stmt.stmt,
      text: migration.sql.slice(start, end),
      offset: start,
      line: source.lineColumn(first).line,
    });
  }
  return { migration, source, statements };
}
