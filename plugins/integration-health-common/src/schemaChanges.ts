import type { AcknowledgementState } from './calendar';

/**
 * One classified change of a database migration.
 *
 * @public
 */
export type SchemaFinding = {
  ruleId: string;
  level: 'breaking' | 'warning' | 'info';
  /** Neutral and precise: names the object, and old → new where it changes. */
  message: string;
  /** The object changed, schema-qualified: `public.accounts.account_no`. */
  object: string;
  /** Line of its statement in the migration file, from 1. */
  line: number;
  /** Same change, same value, across runs. */
  fingerprint: string;
  /** The tables and columns it touches (renames: the old names). */
  touches: { tables: string[]; columns: string[] };
};

/**
 * How many findings a migration has at each level.
 *
 * @public
 */
export type SchemaFindingSummary = {
  breaking: number;
  warning: number;
  info: number;
  /** Schema statements no rule classifies. */
  unclassified: number;
};

/**
 * One migration of a database resource, as recorded.
 *
 * @public
 */
export type SchemaMigration = {
  /** Its file name (or the id it was pushed with). */
  id: string;
  /** Its place in the history, from 0. */
  position: number;
  origin: 'catalog' | 'pushed' | 'recorded';
  firstSeenAt: string;
  findings: SchemaFinding[];
  summary: SchemaFindingSummary;
  /** Why it could not be classified: SQL that does not parse, with its line. */
  error?: string;
  /** The calendar entry filed for its breaking changes. */
  calendarEntryId?: string;
};

/**
 * The queries one consumer declares against a database.
 *
 * @public
 */
export type SchemaConsumer = {
  consumerRef: string;
  consumerOwnerRef?: string;
  integrationId: string;
  queries: { name: string; sql: string }[];
};

/**
 * An error PostgreSQL reported, with the line it points at when it does.
 *
 * @public
 */
export type SchemaDryRunError = {
  message: string;
  /** SQLSTATE, e.g. `42703` undefined column. */
  code?: string;
  line?: number;
};

/**
 * How a dry run on the embedded PostgreSQL ended.
 *
 * @public
 */
export type SchemaDryRun = {
  status:
    | 'completed'
    | 'candidate-failed'
    | 'history-failed'
    | 'input-too-large'
    | 'timeout'
    | 'memory-exceeded';
  message?: string;
  /** The migration that did not apply, and PostgreSQL's error. */
  failure?: { migrationId: string; line?: number; error: SchemaDryRunError };
  durationMs: number;
};

/**
 * What a candidate migration does to one consumer.
 *
 * @public
 */
export type MigrationCheckConsumer = {
  consumerRef: string;
  consumerOwnerRef?: string;
  /**
   * `broken`: a declared query no longer prepares; `ok`: all still do;
   * `unknown`: it declares no queries, so it cannot be ruled out.
   */
  impact: 'broken' | 'ok' | 'unknown';
  brokenQueries: { name: string; sql: string; error: SchemaDryRunError }[];
  /** Queries that did not prepare before the candidate either (not its doing). */
  alreadyBroken: string[];
  /** Reached: broken, or unknown while the migration has breaking changes. */
  reached: boolean;
  /** Its acknowledgement on the calendar entry of this migration, if any. */
  state?: AcknowledgementState;
};

/**
 * The CI check's answer for a candidate migration of a database resource.
 *
 * @public
 */
export type MigrationCheckResult = {
  resourceRef: string;
  migrationId: string;
  checkedAt: string;
  /** Migrations it was applied after. */
  historyLength: number;
  findings: SchemaFinding[];
  summary: SchemaFindingSummary;
  dryRun: SchemaDryRun;
  consumers: MigrationCheckConsumer[];
  /** The calendar entry of this migration, when it is on the calendar. */
  calendarEntryId?: string;
  /** Reached consumers without an acknowledgement. */
  unacknowledged: number;
  /** False when the migration does not apply or reaches an unacknowledged consumer. */
  passed: boolean;
};

/**
 * A database resource's schema history, its consumers' queries and the
 * latest check of a candidate migration.
 *
 * @public
 */
export type ResourceSchema = {
  resourceRef: string;
  /** Oldest first. */
  migrations: SchemaMigration[];
  consumers: SchemaConsumer[];
  latestCheck?: MigrationCheckResult;
  /** Why the migrations could not be read on the last sync; the earlier ones are kept. */
  sourceError?: string;
};
