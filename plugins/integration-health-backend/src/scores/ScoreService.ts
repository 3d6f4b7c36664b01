import {
  contractFreshness,
  Integration,
  mockFreshness,
  ScoreConfig,
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

  async compute(integration: Integration, now: Date) {
    const { evidenceStore, specStore, config } = this.options;
    const [verifications, versions] = await Promise.all([
      evidenceStore.latestVerifications(integration.id),
      integration.apiRef
        ? specStore.listVersions(integration.apiRef)
        : Promise.resolve([]),
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
    for (const integration of integrations) {
      await this.compute(integration, now);
    }
    return integrations.length;
  }
}
