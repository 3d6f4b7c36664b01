/**
 * A framework-free engine for PostgreSQL migrations: classifies each change
 * as breaking, warning or info, models the schema a history leaves, and
 * dry-runs a candidate migration against consumers' queries on an embedded
 * PostgreSQL.
 *
 * @packageDocumentation
 */
export {
  classifyHistory,
  classifyMigration,
  type ClassifyOptions,
} from './classify/classifyMigration';
export { MIGRATION_RULES } from './classify/rules';
export { buildSchema } from './schema/buildSchema';
export type { ColumnModel, SchemaModel } from './schema/SchemaModel';
export {
  createDryRunEngine,
  dryRunMigration,
  type DryRunEngine,
} from './dryrun/DryRunEngine';
export type {
  ConsumerQuery,
  DryRunInput,
  DryRunOptions,
  DryRunResult,
  DryRunStatus,
  MigrationFailure,
  PostgresError,
  QueryOutcome,
} from './dryrun/types';
export { MigrationInputError } from './errors';
export type { MigrationInputErrorCode } from './errors';
export type {
  FindingLevel,
  MigrationClassification,
  MigrationFinding,
  MigrationInput,
  MigrationSummary,
  ParseOptions,
  Touches,
} from './types';
