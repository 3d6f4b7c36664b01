/**
 * Why a migration could not be read.
 *
 * @public
 */
export type MigrationInputErrorCode = 'syntax' | 'too-large';

/**
 * A migration the engine cannot read: SQL that does not parse, or a file over
 * the size bound. Names the migration, its file and, for syntax, the line and
 * column of the offending token.
 *
 * @public
 */
export class MigrationInputError extends Error {
  /** Always `MigrationInputError`, as shown in stack traces and logs. */
  readonly name = 'MigrationInputError';

  constructor(
    /** Why the migration could not be read. */
    readonly code: MigrationInputErrorCode,
    message: string,
    /** The migration and where in it, when known. */
    readonly location: {
      migrationId: string;
      file?: string;
      line?: number;
      column?: number;
    },
  ) {
    super(message);
  }

  /** One line for a terminal: file, line, what. */
  describe(): string {
    const { migrationId, file, line, column } = this.location;
    const where = [
      file ?? migrationId,
      line !== undefined ? `line ${line}` : undefined,
      column !== undefined ? `column ${column}` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    return `${where}: ${this.message}`;
  }
}
