import { ageInDays } from './age';
import {
  ChangesSince,
  DEFAULT_SCORE_CONFIG,
  ScoreAdjustment,
  ScoreConfig,
  ScoreExplanation,
} from './types';

/**
 * One mock (a WireMock mapping, a pact interaction, an example pushed from
 * CI) as it validated against the provider's current spec.
 *
 * @public
 */
export type MockCheck = {
  source: string;
  /** The file or interaction, as its owners know it. */
  name: string;
  /** `METHOD /path` for HTTP, `publish|subscribe channel` for events. */
  operation: string;
  valid: boolean;
  /** Why it is not valid, e.g. "response field `accountId` is not in the spec, which requires `accountRef`". */
  problems: string[];
  /** The provider spec version the mock was made from, when recorded. */
  madeFromVersion?: string;
  checkedAt: string;
  url?: string;
};

/**
 * The mocks of one integration that mock freshness is computed from.
 *
 * @public
 */
export type MockFreshnessInput = {
  mocks: MockCheck[];
  /** The operations the consumer uses; the mocked ones when nothing else says. */
  usedOperations?: string[];
  /** The provider's current spec version the mocks were checked against. */
  specVersion?: string;
  /** What changed on used operations since the mocks were made. */
  changesSinceMocksMade: ChangesSince;
  now: Date;
};

const CAPS: Partial<
  Record<ChangesSince, (config: ScoreConfig['mock']) => ScoreAdjustment>
> = {
  breaking: config => ({
    cap: config.capAfterBreaking,
    reason:
      'The spec changed with breaking changes on used operations since the mocks were made',
  }),
  warning: config => ({
    cap: config.capAfterWarnings,
    reason: 'The spec changed with warnings since the mocks were made',
  }),
};

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * Mock freshness (0–100) of one integration: coverage of the operations the
 * consumer uses × validity of its mocks against the current spec, capped when
 * the spec changed since the mocks were made. No mocks is unknown.
 *
 * @public
 */
export function mockFreshness(
  input: MockFreshnessInput,
  config: ScoreConfig['mock'] = DEFAULT_SCORE_CONFIG.mock,
): ScoreExplanation {
  const { mocks } = input;
  const used = [
    ...new Set(input.usedOperations ?? mocks.map(m => m.operation)),
  ].sort();
  const validByOperation = new Map<string, number>();
  for (const mock of mocks) {
    if (mock.valid) {
      validByOperation.set(
        mock.operation,
        (validByOperation.get(mock.operation) ?? 0) + 1,
      );
    }
  }
  const valid = mocks.filter(m => m.valid).length;
  const credit = (operation: string) => {
    const count = validByOperation.get(operation) ?? 0;
    if (count >= 2) return 1;
    return count === 1 ? config.singleMockCredit : 0;
  };
  const coverage =
    used.length === 0
      ? 0
      : used.reduce((sum, op) => sum + credit(op), 0) / used.length;
  const validity = mocks.length === 0 ? 0 : valid / mocks.length;
  const newestCheck = mocks
    .map(m => m.checkedAt)
    .sort()
    .at(-1);
  const inputs = {
    mocks: mocks.length,
    validMocks: valid,
    usedOperations: used.length,
    uncoveredOperations:
      used.filter(op => !validByOperation.has(op)).join(', ') || undefined,
    coverage: percent(coverage),
    validity: percent(validity),
    specVersion: input.specVersion,
    changesSinceMocksMade: input.changesSinceMocksMade,
  };
  const evidence = mocks.map(m => ({
    label: `${m.name}: ${m.operation} ${
      m.valid ? 'valid' : `invalid: ${m.problems.join('; ')}`
    }${m.madeFromVersion ? ` (made from ${m.madeFromVersion})` : ''}`,
    source: m.source,
    at: m.checkedAt,
    url: m.url,
  }));

  if (mocks.length === 0) {
    return {
      tier: 'no-mocks',
      summary:
        'Unknown: no mocks of this provider have been found for this consumer',
      inputs,
      adjustments: [],
      evidence,
    };
  }

  const raw = Math.round(100 * coverage * validity);
  const adjustments: ScoreAdjustment[] = [];
  let value = raw;
  const cap = CAPS[input.changesSinceMocksMade]?.(config);
  if (cap?.cap !== undefined && value > cap.cap) {
    adjustments.push(cap);
    value = cap.cap;
  }
  const invalid = mocks.filter(m => !m.valid);
  const summary =
    invalid.length > 0
      ? `${invalid.length} of ${mocks.length} mocks no longer match the ${
          input.specVersion ? `spec ${input.specVersion}` : 'current spec'
        }: ${invalid[0].operation}: ${invalid[0].problems[0] ?? 'invalid'}`
      : `${mocks.length} mocks cover ${percent(coverage)} of the ${
          used.length
        } operations used, all valid against the ${
          input.specVersion ? `spec ${input.specVersion}` : 'current spec'
        }`;
  return {
    value,
    tier: 'mocks-checked',
    summary,
    inputs,
    adjustments,
    evidence,
    evidenceAgeDays: newestCheck
      ? ageInDays(newestCheck, input.now)
      : undefined,
  };
}
