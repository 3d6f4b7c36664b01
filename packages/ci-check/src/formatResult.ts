import { BreakingChangeCheckResult } from '@integration-health/plugin-integration-health-common';

/** The answer as lines for a pipeline log. */
export function formatResult(
  result: BreakingChangeCheckResult,
  portalUrl: string,
): string[] {
  const versions =
    result.baseVersion || result.candidateVersion
      ? ` ${result.baseVersion ?? '?'} → ${result.candidateVersion ?? '?'}`
      : '';
  const { breaking, warning, info } = result.summary;
  const lines = [
    `${result.apiRef}${versions}: ${breaking} breaking, ${warning} warning, ${info} info`,
  ];
  for (const change of result.breaking) {
    lines.push(
      `BREAKING ${change.location}: ${change.message} [${change.ruleId}]`,
    );
    if (change.consumers.length === 0) {
      lines.push('  no consumer in the catalog uses this API');
    }
    for (const consumer of change.consumers) {
      const owner = consumer.consumerOwnerRef
        ? ` (${consumer.consumerOwnerRef})`
        : '';
      let line = `  ✗ ${consumer.consumerRef}${owner} has not acknowledged`;
      if (consumer.acknowledged) {
        line = `  ✓ ${consumer.consumerRef}${owner} acknowledged`;
      } else if (consumer.needsReacknowledgement) {
        line = `  ✗ ${consumer.consumerRef}${owner} needs to acknowledge again: the entry moved earlier or changed what it touches after it acknowledged`;
      }
      lines.push(line);
    }
  }
  if (result.announcedEntryId) {
    lines.push(
      `Announced on the calendar: ${portalUrl}/integration-health/calendar?entry=${result.announcedEntryId}`,
    );
  }
  lines.push(
    result.passed
      ? 'PASS: no unacknowledged breaking change reaches a consumer.'
      : `FAIL: ${result.unacknowledged} breaking change × consumer pair(s) without an acknowledgement. Announce the change on the breaking-change calendar and ask the consumers' owners to acknowledge it.`,
  );
  return lines;
}
