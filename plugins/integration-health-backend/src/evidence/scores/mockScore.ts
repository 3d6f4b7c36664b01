import {
  ChangesSince,
  mockFreshness,
  ScoreConfig,
  ScoreExplanation,
  SpecChange,
  SpecVersion,
} from '@integration-health/plugin-integration-health-common';
import { StoredMockDocument } from '../MockStore';
import { MockChecker, SpecNotCheckableError } from '../mocks/checkMocks';
import { changesOnOperations } from './changesOnOperations';

const ORDER: ChangesSince[] = ['unknown', 'none', 'warning', 'breaking'];

/**
 * Mock freshness of one integration: its stored mocks checked against the
 * provider's current spec now, capped by what changed on the operations
 * they mock since the versions they were made from.
 */
export async function mockScore(options: {
  documents: StoredMockDocument[];
  /** Undefined when the API has no current spec; the error when it cannot be checked against. */
  checker: MockChecker | Error | undefined;
  /** Checkers of the provider's other APIs the consumer uses (see MockChecker.check). */
  others?: MockChecker[];
  versions: SpecVersion[];
  changesOf: (version: SpecVersion) => Promise<SpecChange[]>;
  config: ScoreConfig['mock'];
  now: Date;
}): Promise<ScoreExplanation> {
  const { documents, checker, versions, config, now } = options;
  const specVersion = versions[0]?.versionLabel;
  const unknown = (tier: string, summary: string): ScoreExplanation => ({
    tier,
    summary,
    inputs: { mockDocuments: documents.length, specVersion },
    adjustments: [],
    evidence: documents.map(d => ({
      label: d.document.name,
      source: d.source,
      url: d.document.url,
    })),
  });
  if (documents.length > 0 && !checker) {
    return unknown(
      'no-spec',
      'Unknown: the provider has no spec to check the mocks against',
    );
  }
  if (checker instanceof Error) {
    return unknown('spec-not-checkable', `Unknown: ${checker.message}`);
  }
  let checked: Awaited<ReturnType<MockChecker['check']>>;
  try {
    checked = checker
      ? await checker.check(documents, now.toISOString(), options.others)
      : { checks: [], unchecked: 0 };
  } catch (error) {
    if (error instanceof SpecNotCheckableError) {
      return unknown('spec-not-checkable', `Unknown: ${error.message}`);
    }
    throw error;
  }
  const { checks, unchecked } = checked;
  const operations = new Set(checks.map(c => c.operation));
  let changes: ChangesSince = 'unknown';
  for (const label of new Set(
    checks.flatMap(c => (c.madeFromVersion ? [c.madeFromVersion] : [])),
  )) {
    const since = await changesOnOperations({
      versions,
      versionLabel: label,
      operations,
      changesOf: options.changesOf,
    });
    if (ORDER.indexOf(since) > ORDER.indexOf(changes)) changes = since;
  }
  const score = mockFreshness(
    { mocks: checks, specVersion, changesSinceMocksMade: changes, now },
    config,
  );
  if (unchecked > 0) {
    score.inputs.uncheckedMocks = unchecked;
    if (checks.length === 0) {
      score.tier = 'mocks-unchecked';
      score.summary = `Unknown: ${unchecked} mock${
        unchecked > 1 ? 's' : ''
      } of this provider found, none of which names one operation of its spec to check (URL patterns, any method, request/reply messages)`;
    }
  }
  // What the consumer uses, as its mocks say: the calendar narrows a
  // change's consumers by it.
  if (operations.size > 0 && !operations.has('unreadable')) {
    score.inputs.operationsMocked = [...operations].sort().join(', ');
  }
  // How far behind the spec the mocks were made from are, in versions.
  const behind = [
    ...new Set(
      checks.flatMap(c => (c.madeFromVersion ? [c.madeFromVersion] : [])),
    ),
  ].map(label => {
    const index = versions.findIndex(v => v.versionLabel === label);
    if (index === 0) return `${label} (current)`;
    return index > 0
      ? `${label} (${index} version${index > 1 ? 's' : ''} behind)`
      : `${label} (not in the recorded history)`;
  });
  if (behind.length > 0) {
    score.inputs.madeFrom = behind.join(', ');
  }
  // The remedy: mocks generated from the current spec, on the tab.
  if (checks.some(c => !c.valid)) {
    score.summary = `${score.summary} — refreshed mocks available`;
  }
  return score;
}
