/**
 * One deduction or cap applied to a score, in words a reader can check.
 *
 * @public
 */
export type ScoreAdjustment = {
  reason: string;
  /** Points taken off (positive), or the cap applied. */
  points?: number;
  cap?: number;
};

/**
 * A piece of evidence a score was computed from.
 *
 * @public
 */
export type ScoreEvidenceRef = {
  label: string;
  source: string;
  at?: string;
  url?: string;
};

/**
 * A score with everything needed to explain it: `value` is undefined when
 * there is no evidence (unknown, never 0).
 *
 * @public
 */
export type ScoreExplanation = {
  value?: number;
  /** The evidence tier that set the starting points, e.g. `verified-in-production`. */
  tier: string;
  /** One sentence for the UI. */
  summary: string;
  inputs: Record<string, string | number | boolean | undefined>;
  adjustments: ScoreAdjustment[];
  evidence: ScoreEvidenceRef[];
  /** Days since the newest evidence used, when there is any. */
  evidenceAgeDays?: number;
};

/**
 * Weights and windows of the scores; every field has a default in
 * `DEFAULT_SCORE_CONFIG` and can be overridden in app-config.
 *
 * @public
 */
export type ScoreConfig = {
  contract: {
    tiers: {
      verifiedInProduction: number;
      verifiedEarlierUnaffected: number;
      verifiedEarlierWarnings: number;
      verifiedEarlierBreaking: number;
      staticCheckOnly: number;
    };
    /** Evidence older than this many days starts losing points. */
    freshDays: number;
    /** Over this many further days the score falls linearly to the floor. */
    decayDays: number;
    floor: number;
  };
  mock: {
    /** Coverage credit of an operation with exactly one valid mock (two give 1). */
    singleMockCredit: number;
    capAfterWarnings: number;
    capAfterBreaking: number;
  };
};

/**
 * The weights and windows the scores use where config sets none.
 *
 * @public
 */
export const DEFAULT_SCORE_CONFIG: ScoreConfig = {
  contract: {
    tiers: {
      verifiedInProduction: 100,
      verifiedEarlierUnaffected: 80,
      verifiedEarlierWarnings: 50,
      verifiedEarlierBreaking: 10,
      staticCheckOnly: 60,
    },
    freshDays: 30,
    decayDays: 60,
    floor: 20,
  },
  mock: {
    singleMockCredit: 0.75,
    capAfterWarnings: 80,
    capAfterBreaking: 60,
  },
};

/**
 * What changed in the provider's spec since a piece of evidence was made,
 * limited to what the consumer uses when that is known.
 *
 * @public
 */
export type ChangesSince = 'none' | 'warning' | 'breaking' | 'unknown';
