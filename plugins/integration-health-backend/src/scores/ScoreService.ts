import {
  contractFreshness,
  Integration,
  mockFreshness,
  ScoreConfig,
  SpecVersion,
} from '@integration-health/plugin-integration-health-common';
import { EvidenceStore } from '../database/EvidenceStore';
import { SpecStore } from '../database/SpecStore';
import { changesSince } from './changesSince';

/**
 * Computes each integration's contract and mock freshness from its stored
 * evidence and the provider's spec history, and stores them (which also
 * writes the day's snapshot).
 */
export class ScoreService {
  constructor(
    private readonly options: {
      evidenceStore: EvidenceStore;
      specStore: SpecStore;
      config: ScoreConfig;
    },
  ) {}

  /**
   * `versionsOf` lets a run over many integrations read each API's history
   * once; by default it is read for this integration alone.
   */
  async compute(
    integration: Integration,
    now: Date,
    versionsOf: (apiRef: string) => Promise<SpecVersion[]> = apiRef =>
      this.options.specStore.listVersions(apiRef),
  ) {
    const { evidenceStore, config } = this.options;
    const [verifications, versions] = await Promise.all([
      evidenceStore.latestVerifications(integration.id),
      integration.apiRef ? versionsOf(integration.apiRef) : Promise.resolve([]),
    ]);
    const newestPassed = verifications
      .filter(v => v.result === 'passed')
      .sort((a, b) => Date.parse(b.verifiedAt) - Date.parse(a.verifiedAt))[0];
    // Without a deployment source, the catalog's current definition is
    // taken as what production runs.
    const current = versions[0]?.versionLabel;
    const scores = {
      contract: contractFreshness(
        {
          verifications,
          staticChecks: [],
          providerVersionInProduction: current,
          changesSinceVerified: newestPassed
            ? changesSince(versions, newestPassed.providerVersion)
            : 'unknown',
          now,
        },
        config.contract,
      ),
      mock: mockFreshness(
        {
          mocks: [],
          specVersion: current,
          changesSinceMocksMade: 'unknown',
          now,
        },
        config.mock,
      ),
    };
    await evidenceStore.saveScores(integration.id, scores, now);
    return scores;
  }

  async computeAll(integrations: Integration[], now: Date): Promise<number> {
    // Many consumers share an API: read its history once per run.
    const histories = new Map<string, Promise<SpecVersion[]>>();
    const versionsOf = (apiRef: string) => {
      if (!histories.has(apiRef)) {
        histories.set(apiRef, this.options.specStore.listVersions(apiRef));
      }
      return histories.get(apiRef)!;
    };
    for (const integration of integrations) {
      await this.compute(integration, now, versionsOf);
    }
    return integrations.length;
  }
}
