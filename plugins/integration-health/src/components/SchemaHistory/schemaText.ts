import {
  SchemaDryRun,
  SchemaDryRunError,
  SchemaFindingSummary,
  SchemaMigration,
} from '@integration-health/plugin-integration-health-common';

/** PostgreSQL's error as one line: message, SQLSTATE and line when known. */
export function postgresErrorText(error: SchemaDryRunError): string {
  return [
    error.message,
    error.code && `SQLSTATE ${error.code}`,
    error.line !== undefined && `line ${error.line}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

const DRY_RUN_STATUS: Record<SchemaDryRun['status'], string> = {
  completed: 'Dry run completed',
  'candidate-failed': 'Dry run failed: the candidate migration does not apply',
  'history-failed':
    'Dry run failed: the recorded migration history does not apply',
  'input-too-large': 'Dry run not run: the input is too large',
  timeout: 'Dry run stopped: it took too long',
  'memory-exceeded': 'Dry run stopped: it used too much memory',
};

/** The dry run's outcome in words. */
export function dryRunStatusText(dryRun: SchemaDryRun): string {
  return `${DRY_RUN_STATUS[dryRun.status] ?? `Dry run: ${dryRun.status}`} (${
    dryRun.durationMs
  } ms)`;
}

/** Where the dry run failed: the migration, its line and PostgreSQL's error. */
export function dryRunFailureText(
  failure: NonNullable<SchemaDryRun['failure']>,
): string {
  const line = failure.line ?? failure.error.line;
  return `${failure.migrationId}${
    line !== undefined ? `, line ${line}` : ''
  }: ${failure.error.message}${
    failure.error.code ? ` (SQLSTATE ${failure.error.code})` : ''
  }`;
}

const ORIGIN: Record<SchemaMigration['origin'], string> = {
  catalog: "from the resource's migration files",
  pushed: 'pushed from CI',
  recorded: 'recorded history',
};

export function originText(origin: SchemaMigration['origin']): string {
  return ORIGIN[origin] ?? origin;
}

/** "2 unclassified statements", or nothing. */
export function unclassifiedText(summary: SchemaFindingSummary): string {
  const n = summary.unclassified;
  if (!n) return '';
  return `${n} unclassified statement${n === 1 ? '' : 's'}`;
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en', { dateStyle: 'medium' });
}
