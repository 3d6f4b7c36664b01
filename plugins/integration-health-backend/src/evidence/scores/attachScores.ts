import {
  Integration,
  IntegrationScores,
} from '@integration-health/plugin-integration-health-common';
import { ScoreStore } from './ScoreStore';

const hasContractEvidence = (scores: IntegrationScores) =>
  scores.contract.evidence.length > 0;

/**
 * The integrations with their scores, and with contract evidence named among
 * the sources of the edges it backs.
 */
export async function attachScores(
  integrations: Integration[],
  scoreStore: Pick<ScoreStore, 'getScores'>,
): Promise<Integration[]> {
  const scores = await scoreStore.getScores(integrations.map(i => i.id));
  return integrations.map(integration => {
    const found = scores.get(integration.id);
    if (!found) {
      return integration;
    }
    return {
      ...integration,
      scores: found,
      sources: hasContractEvidence(found)
        ? [...integration.sources, 'contractEvidence']
        : integration.sources,
    };
  });
}
