import {
  MigrationCheckConsumer,
  MigrationCheckResult,
  SchemaDryRun,
  SchemaDryRunError,
} from '@integration-health/plugin-integration-health-common';

function postgresError(error: SchemaDryRunError): string {
  return `${error.message}${error.code ? ` (SQLSTATE ${error.code})` : ''}`;
}

function dryRunLine(dryRun: SchemaDryRun, historyLength: number): string[] {
  if (dryRun.status === 'completed') {
    return [
      `Dry run: applied after ${historyLength} migration(s) and prepared every consumer's queries in ${dryRun.durationMs} ms`,
    ];
  }
  const lines = [
    `Dry run did not complete: ${dryRun.status}${
      dryRun.message ? `: ${dryRun.message}` : ''
    }`,
  ];
  const failure = dryRun.failure;
  if (failure) {
    const line = failure.line ?? failure.error.line;
    lines.push(
      `  ${failure.migrationId}${
        line !== undefined ? ` line ${line}` : ''
      } did not apply: ${postgresError(failure.error)}`,
    );
  }
  return lines;
}

const ACKNOWLEDGEMENT: Record<string, string> = {
  acknowledged: 'acknowledged',
  pending: 'has not acknowledged',
  overdue: 'has not acknowledged, overdue',
};

function acknowledgement(consumer: MigrationCheckConsumer): string {
  if (consumer.state) return ACKNOWLEDGEMENT[consumer.state];
  return consumer.reached
    ? 'not on the calendar, so not acknowledged'
    : 'nothing to acknowledge';
}

function consumerLines(consumer: MigrationCheckConsumer): string[] {
  const owner = consumer.consumerOwnerRef
    ? ` (${consumer.consumerOwnerRef})`
    : '';
  const mark = { broken: '✗', ok: '✓', unknown: '?' }[consumer.impact];
  const impact = {
    broken: 'broken',
    ok: 'ok: every declared query still prepares',
    unknown: 'unknown: it declares no queries',
  }[consumer.impact];
  const lines = [
    `  ${mark} ${consumer.consumerRef}${owner} ${impact}; ${acknowledgement(
      consumer,
    )}`,
  ];
  for (const query of consumer.brokenQueries) {
    lines.push(
      `      query ${query.name}: ${postgresError(query.error)}${
        query.error.line !== undefined ? ` at line ${query.error.line}` : ''
      }`,
    );
  }
  if (consumer.alreadyBroken.length > 0) {
    lines.push(
      `      did not prepare before this migration either: ${consumer.alreadyBroken.join(
        ', ',
      )}`,
    );
  }
  return lines;
}

/** A migration check's answer as lines for a pipeline log. */
export function formatMigrationResult(
  result: MigrationCheckResult,
  portalUrl: string,
): string[] {
  const { breaking, warning, info, unclassified } = result.summary;
  const lines = [
    `${result.resourceRef} ${
      result.migrationId
    }: ${breaking} breaking, ${warning} warning, ${info} info${
      unclassified ? `, ${unclassified} unclassified` : ''
    }`,
  ];
  for (const finding of result.findings) {
    lines.push(
      `${finding.level.toUpperCase()} ${finding.object} (line ${
        finding.line
      }): ${finding.message} [${finding.ruleId}]`,
    );
  }
  lines.push(...dryRunLine(result.dryRun, result.historyLength));
  if (result.consumers.length > 0) {
    lines.push('Consumers:');
    result.consumers.forEach(c => lines.push(...consumerLines(c)));
  } else if (result.dryRun.status === 'completed') {
    lines.push('No consumer in the catalog uses this database.');
  }
  if (result.calendarEntryId) {
    lines.push(
      `On the calendar: ${portalUrl}/integration-health/calendar?entry=${encodeURIComponent(
        result.calendarEntryId,
      )}`,
    );
  }
  if (result.passed) {
    lines.push(
      'PASS: the migration applies and reaches no consumer without an acknowledgement.',
    );
  } else if (result.dryRun.status !== 'completed') {
    lines.push(
      `FAIL: the dry run did not complete (${result.dryRun.status}), so the migration cannot be shown to be safe.`,
    );
  } else {
    lines.push(
      `FAIL: ${result.unacknowledged} consumer(s) reached without an acknowledgement. Announce the migration on the breaking-change calendar and ask the consumers' owners to acknowledge it.`,
    );
  }
  return lines;
}
