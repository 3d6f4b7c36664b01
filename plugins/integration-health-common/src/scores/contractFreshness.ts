import { ageInDays } from './age';
import {
  ChangesSince,
  DEFAULT_SCORE_CONFIG,
  ScoreAdjustment,
  ScoreConfig,
  ScoreEvidenceRef,
  ScoreExplanation,
} from './types';

/**
 * A provider verification of the consumer's contract (a pact verification,
 * or a result pushed from CI).
 *
 * @public
 */
export type ContractVerification = {
  source: string;
  result: 'passed' | 'failed';
  providerVersion: string;
  consumerVersion?: string;
  environment?: string;
  verifiedAt: string;
  url?: string;
  /** What the source says besides the result, e.g. the broker's "stale: pact changed since". */
  note?: string;
  /**
   * Set by sources that know deployments (a Pact Broker): the verified
   * provider version is the one deployed in production now.
   */
  providerInProduction?: boolean;
};

/**
 * A static check of the consumer's contract against the provider's spec,
 * without running the provider.
 *
 * @public
 */
export type ContractStaticCheck = {
  source: string;
  passed: boolean;
  specVersion?: string;
  checkedAt: string;
  problems: string[];
  url?: string;
};

/**
 * The evidence of one integration that contract freshness is computed from.
 *
 * @public
 */
export type ContractFreshnessInput = {
  verifications: ContractVerification[];
  staticChecks: ContractStaticCheck[];
  /** The provider version deployed in production, when a source knows it. */
  providerVersionInProduction?: string;
  /**
   * What changed in the provider's spec since the version the newest passing
   * verification ran against, limited to what the consumer uses when known.
   */
  changesSinceVerified: ChangesSince;
  now: Date;
};

const newest = <T>(items: T[], at: (item: T) => string): T | undefined =>
  [...items].sort((a, b) => Date.parse(at(b)) - Date.parse(at(a)))[0];

/** Points lost to age: none while fresh, then linearly to the floor. */
function ageAdjustment(
  points: number,
  ageDays: number,
  config: ScoreConfig['contract'],
): ScoreAdjustment | undefined {
  if (ageDays <= config.freshDays || points <= config.floor) {
    return undefined;
  }
  const share = Math.min(1, (ageDays - config.freshDays) / config.decayDays);
  const lost = Math.round((points - config.floor) * share);
  return lost > 0
    ? {
        reason: `The evidence is ${ageDays} days old; after ${
          config.freshDays
        } days it loses points until ${
          config.freshDays + config.decayDays
        } days, down to ${config.floor}`,
        points: lost,
      }
    : undefined;
}

function verificationTier(
  input: ContractFreshnessInput,
  passed: ContractVerification,
  tiers: ScoreConfig['contract']['tiers'],
): { tier: string; points: number; summary: string } {
  const against = `provider version ${passed.providerVersion}`;
  if (
    passed.providerInProduction ||
    (input.providerVersionInProduction &&
      passed.providerVersion === input.providerVersionInProduction)
  ) {
    return {
      tier: 'verified-in-production',
      points: tiers.verifiedInProduction,
      summary: `Verified against ${against}, the one in production`,
    };
  }
  const earlier = input.providerVersionInProduction
    ? `${against}; production runs ${input.providerVersionInProduction}`
    : `${against}; the version in production is not known`;
  switch (input.changesSinceVerified) {
    case 'none':
      return {
        tier: 'verified-earlier-unaffected',
        points: tiers.verifiedEarlierUnaffected,
        summary: `Verified against ${earlier}. The spec changes since touch nothing this consumer uses`,
      };
    case 'breaking':
      return {
        tier: 'verified-earlier-breaking',
        points: tiers.verifiedEarlierBreaking,
        summary: `Verified against ${earlier}. The spec has changed since in ways that break this consumer`,
      };
    case 'warning':
      return {
        tier: 'verified-earlier-warnings',
        points: tiers.verifiedEarlierWarnings,
        summary: `Verified against ${earlier}. The spec changes since carry warnings for this consumer`,
      };
    default:
      return {
        tier: 'verified-earlier-warnings',
        points: tiers.verifiedEarlierWarnings,
        summary: `Verified against ${earlier}. What changed since could not be compared, so it counts as changed with warnings`,
      };
  }
}

/**
 * Contract freshness (0–100) of one integration, with its explanation.
 * No evidence at all is unknown, never 0; a failed verification is 0.
 *
 * @public
 */
export function contractFreshness(
  input: ContractFreshnessInput,
  config: ScoreConfig['contract'] = DEFAULT_SCORE_CONFIG.contract,
): ScoreExplanation {
  // Of two verifications at the same time, the one of the production pair speaks.
  const latest = newest(
    [...input.verifications].sort(
      (a, b) =>
        Number(!!b.providerInProduction) - Number(!!a.providerInProduction),
    ),
    v => v.verifiedAt,
  );
  const latestStatic = newest(input.staticChecks, c => c.checkedAt);
  const inputs = {
    verifications: input.verifications.length,
    staticChecks: input.staticChecks.length,
    providerVersionInProduction: input.providerVersionInProduction,
    changesSinceVerified: input.changesSinceVerified,
  };
  const evidence: ScoreEvidenceRef[] = [
    ...(latest
      ? [
          {
            label: `Verification ${latest.result} against provider ${
              latest.providerVersion
            }${
              latest.consumerVersion
                ? ` (consumer ${latest.consumerVersion})`
                : ''
            }${latest.environment ? ` in ${latest.environment}` : ''}${
              latest.note ? ` (${latest.note})` : ''
            }`,
            source: latest.source,
            at: latest.verifiedAt,
            url: latest.url,
          },
        ]
      : []),
    ...(latestStatic
      ? [
          {
            label: `Static check ${latestStatic.passed ? 'passed' : 'failed'}${
              latestStatic.specVersion
                ? ` against spec ${latestStatic.specVersion}`
                : ''
            }`,
            source: latestStatic.source,
            at: latestStatic.checkedAt,
            url: latestStatic.url,
          },
        ]
      : []),
  ];

  if (!latest && !latestStatic) {
    return {
      tier: 'no-evidence',
      summary:
        'Unknown: no verification or contract check has been seen for this integration',
      inputs,
      adjustments: [],
      evidence,
    };
  }

  if (latest?.result === 'failed') {
    return {
      value: 0,
      tier: 'verification-failed',
      summary: `The latest verification against provider ${latest.providerVersion} failed`,
      inputs,
      adjustments: [{ reason: 'A failed verification caps the score', cap: 0 }],
      evidence,
      evidenceAgeDays: ageInDays(latest.verifiedAt, input.now),
    };
  }

  let base: { tier: string; points: number; summary: string; at: string };
  if (latest) {
    base = {
      ...verificationTier(input, latest, config.tiers),
      at: latest.verifiedAt,
    };
  } else if (latestStatic!.passed) {
    base = {
      tier: 'static-check-only',
      points: config.tiers.staticCheckOnly,
      summary: `Only a static check of the contract against the spec${
        latestStatic!.specVersion ? ` ${latestStatic!.specVersion}` : ''
      }; the provider never verified it`,
      at: latestStatic!.checkedAt,
    };
  } else {
    return {
      value: 0,
      tier: 'static-check-failed',
      summary: `The contract does not match the provider's spec: ${
        latestStatic!.problems.slice(0, 3).join('; ') || 'the check failed'
      }`,
      inputs,
      adjustments: [
        { reason: 'A failed contract check caps the score', cap: 0 },
      ],
      evidence,
      evidenceAgeDays: ageInDays(latestStatic!.checkedAt, input.now),
    };
  }

  const ageDays = ageInDays(base.at, input.now);
  const age = ageAdjustment(base.points, ageDays, config);
  return {
    value: base.points - (age?.points ?? 0),
    tier: base.tier,
    summary: base.summary,
    inputs,
    adjustments: age ? [age] : [],
    evidence,
    evidenceAgeDays: ageDays,
  };
}
