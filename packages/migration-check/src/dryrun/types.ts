import { MigrationInput } from '../types';

/**
 * A query a consumer runs against the database, as it declares it: from a
 * `.sql` file or a queries manifest. `$1`-style parameters are fine: queries
 * are prepared, never executed.
 *
 * @public
 */
export type ConsumerQuery = {
  /** The consuming entity, e.g. `component:default/transaction-validation`. */
  consumerRef: string;
  /** The query's name or file, as the consumer declares it. */
  name: string;
  sql: string;
};

/**
 * What a dry run needs; plain data, so it can be posted to a worker thread.
 *
 * @public
 */
export type DryRunInput = {
  /** Migrations already applied, oldest first. */
  history: MigrationInput[];
  candidate: MigrationInput;
  queries: ConsumerQuery[];
};

/**
 * Bounds of one dry run. A run over either stops and says so.
 *
 * @public
 */
export type DryRunOptions = {
  /** Longest the run may take, from the call, in ms. Default 30,000. */
  timeoutMs?: number;
  /** Largest the embedded PostgreSQL's memory may grow, in MB. Default 1,024. */
  maxMemoryMb?: number;
  /** Largest migration or query accepted, in bytes. Default 5 MB. */
  maxSqlBytes?: number;
};

/**
 * An error PostgreSQL (or its parser) reported, with where it points when it
 * points somewhere: `line` in the migration file or query, from 1.
 *
 * @public
 */
export type PostgresError = {
  message: string;
  /** SQLSTATE, e.g. `42703` undefined column, `42601` syntax error. */
  code?: string;
  detail?: string;
  hint?: string;
  line?: number;
};

/**
 * A migration that did not apply: which, the line of the failing statement
 * (or of the error's position in it), and PostgreSQL's error.
 *
 * @public
 */
export type MigrationFailure = {
  migrationId: string;
  file?: string;
  line?: number;
  error: PostgresError;
};

/**
 * How one consumer query fares: `ok` prepares after the candidate, `broken`
 * prepared before the candidate and no longer does, `already-broken` did not
 * prepare before the candidate either (not the candidate's doing).
 *
 * @public
 */
export type QueryOutcome = {
  consumerRef: string;
  name: string;
  status: 'ok' | 'broken' | 'already-broken';
  /** For broken, the error after the candidate; for already-broken, the one before. */
  error?: PostgresError;
};

/**
 * How a dry run ended: `completed` (queries judged), `candidate-failed`,
 * `history-failed`, `input-too-large`, `timeout`, or `memory-exceeded`.
 *
 * @public
 */
export type DryRunStatus =
  | 'completed'
  | 'candidate-failed'
  | 'history-failed'
  | 'input-too-large'
  | 'timeout'
  | 'memory-exceeded';

/**
 * What a dry run answers; plain data, so it can be posted back from a worker.
 *
 * @public
 */
export type DryRunResult = {
  status: DryRunStatus;
  /** The migration that did not apply, for candidate-failed and history-failed. */
  failure?: MigrationFailure;
  /** One per consumer query, in input order, when completed. */
  queries: QueryOutcome[];
  /** Why the run stopped, for input-too-large, timeout and memory-exceeded. */
  message?: string;
  durationMs: number;
};
