/**
 * How much a migration's change matters to the services that use the database.
 *
 * @public
 */
export type FindingLevel = 'breaking' | 'warning' | 'info';

/**
 * One migration: its id (a file name or a version), its SQL, and the file it
 * came from when that differs from the id.
 *
 * @public
 */
export type MigrationInput = {
  id: string;
  sql: string;
  file?: string;
};

/**
 * The tables and columns a finding is about, schema-qualified
 * (`public.accounts`, `public.accounts.account_no`). Renames list the old
 * names, as consumers still use them.
 *
 * @public
 */
export type Touches = {
  tables: string[];
  columns: string[];
};

/**
 * One classified change in a migration.
 *
 * @public
 */
export type MigrationFinding = {
  ruleId: string;
  level: FindingLevel;
  /** Neutral and precise: names the object, and old → new where it changes. */
  message: string;
  /** The object changed, schema-qualified: `public.accounts.account_no`. */
  object: string;
  /** Line in the migration file where the statement starts, from 1. */
  line: number;
  touches: Touches;
  /** Same change, same value, across runs: acknowledgements key on it. */
  fingerprint: string;
};

/**
 * How many findings there are at each level.
 *
 * @public
 */
export type MigrationSummary = {
  breaking: number;
  warning: number;
  info: number;
  /** Schema statements no rule classifies. The goal is zero. */
  unclassified: number;
};

/**
 * What classifyMigration answers for one migration.
 *
 * @public
 */
export type MigrationClassification = {
  migrationId: string;
  findings: MigrationFinding[];
  summary: MigrationSummary;
  /** Every table and column any finding touches. */
  touches: Touches;
};

/**
 * Bounds on the SQL the engine reads.
 *
 * @public
 */
export type ParseOptions = {
  /** Largest migration accepted, in bytes. Default 5 MB. */
  maxSqlBytes?: number;
};
