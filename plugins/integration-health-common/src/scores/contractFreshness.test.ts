import { contractFreshness, ContractFreshnessInput } from './contractFreshness';

const now = new Date('2026-11-21T12:00:00Z');
const daysAgo = (days: number) =>
  new Date(now.getTime() - days * 86_400_000).toISOString();

function input(
  overrides: Partial<ContractFreshnessInput>,
): ContractFreshnessInput {
  return {
    verifications: [],
    staticChecks: [],
    changesSinceVerified: 'none',
    now,
    ...overrides,
  };
}

const passed = (providerVersion: string, days = 1) => ({
  source: 'pact-broker',
  result: 'passed' as const,
  providerVersion,
  consumerVersion: 'c-42',
  environment: 'production',
  verifiedAt: daysAgo(days),
  url: 'https://broker.example/pacts/1',
});

describe('contractFreshness', () => {
  it('is unknown, not 0, without any evidence', () => {
    const score = contractFreshness(input({}));
    expect(score.value).toBeUndefined();
    expect(score.tier).toBe('no-evidence');
    expect(score.summary).toMatch(/^Unknown/);
  });

  it('takes a source that knows deployments at its word that the verified version runs in production', () => {
    const score = contractFreshness(
      input({
        // The broker's app version (a commit) is not the spec's version label.
        verifications: [
          { ...passed('9f1c2ab'), environment: 'test' },
          {
            ...passed('9f1c2ab'),
            providerInProduction: true,
            note: 'pair deployed in production',
          },
        ],
        providerVersionInProduction: '2.1.0',
      }),
    );
    expect(score).toMatchObject({ value: 100, tier: 'verified-in-production' });
    expect(score.evidence[0].label).toBe(
      'Verification passed against provider 9f1c2ab (consumer c-42) in production (pair deployed in production)',
    );
  });

  it('gives 100 for a verification against the provider version in production', () => {
    const score = contractFreshness(
      input({
        verifications: [passed('2.1.0')],
        providerVersionInProduction: '2.1.0',
      }),
    );
    expect(score).toMatchObject({
      value: 100,
      tier: 'verified-in-production',
      evidenceAgeDays: 1,
      adjustments: [],
    });
    expect(score.evidence[0]).toMatchObject({
      label:
        'Verification passed against provider 2.1.0 (consumer c-42) in production',
      url: 'https://broker.example/pacts/1',
    });
  });

  it.each([
    ['none', 80, 'verified-earlier-unaffected'],
    ['warning', 50, 'verified-earlier-warnings'],
    ['breaking', 10, 'verified-earlier-breaking'],
    ['unknown', 50, 'verified-earlier-warnings'],
  ] as const)(
    'rates a verification of an earlier version by what changed since (%s → %d)',
    (changes, value, tier) => {
      const score = contractFreshness(
        input({
          verifications: [passed('2.0.0')],
          providerVersionInProduction: '2.1.0',
          changesSinceVerified: changes,
        }),
      );
      expect(score).toMatchObject({ value, tier });
      expect(score.summary).toContain('production runs 2.1.0');
    },
  );

  it('gives 60 for a passing static check alone, and 0 for a failing one', () => {
    const check = {
      source: 'pact-file',
      specVersion: '2.1.0',
      checkedAt: daysAgo(2),
    };
    expect(
      contractFreshness(
        input({ staticChecks: [{ ...check, passed: true, problems: [] }] }),
      ),
    ).toMatchObject({ value: 60, tier: 'static-check-only' });
    const failed = contractFreshness(
      input({
        staticChecks: [
          {
            ...check,
            passed: false,
            problems: ['POST /transactions is not in the spec'],
          },
        ],
      }),
    );
    expect(failed).toMatchObject({ value: 0, tier: 'static-check-failed' });
    expect(failed.summary).toContain('POST /transactions is not in the spec');
  });

  it('caps at 0 when the latest verification failed, whatever passed before', () => {
    const score = contractFreshness(
      input({
        verifications: [
          passed('2.1.0', 5),
          { ...passed('2.1.0', 1), result: 'failed' },
        ],
        providerVersionInProduction: '2.1.0',
      }),
    );
    expect(score).toMatchObject({
      value: 0,
      tier: 'verification-failed',
      adjustments: [{ cap: 0 }],
    });
  });

  it('loses points linearly after the fresh window, down to the floor', () => {
    const at = (days: number) =>
      contractFreshness(
        input({
          verifications: [passed('2.1.0', days)],
          providerVersionInProduction: '2.1.0',
        }),
      );
    expect(at(30).value).toBe(100);
    // 30 days past the 30-day window: half of the 60-day decay of 80 points.
    expect(at(60).value).toBe(60);
    expect(at(60).adjustments[0]).toMatchObject({ points: 40 });
    expect(at(60).adjustments[0].reason).toContain('60 days old');
    expect(at(400).value).toBe(20);
  });

  it('takes weights and windows from configuration', () => {
    const score = contractFreshness(
      input({
        verifications: [passed('2.0.0', 10)],
        changesSinceVerified: 'none',
      }),
      {
        tiers: {
          verifiedInProduction: 100,
          verifiedEarlierUnaffected: 90,
          verifiedEarlierWarnings: 40,
          verifiedEarlierBreaking: 0,
          staticCheckOnly: 50,
        },
        freshDays: 5,
        decayDays: 10,
        floor: 10,
      },
    );
    expect(score.value).toBe(90 - 40);
  });
});
