import { NotFoundError } from '@backstage/errors';
import {
  ContractVerification,
  IntegrationScores,
} from '@integration-health/plugin-integration-health-common';
import { EvidenceStore } from '../database/EvidenceStore';
import { IntegrationStore } from '../database/IntegrationStore';
import { ScoreService } from '../scores/ScoreService';

/** Evidence pushed from pipelines, and the scores it changes. */
export class EvidenceService {
  constructor(
    private readonly options: {
      integrationStore: IntegrationStore;
      evidenceStore: EvidenceStore;
      scoreService: ScoreService;
      now?: () => Date;
    },
  ) {}

  async recordVerification(
    integrationId: string,
    verification: ContractVerification,
  ): Promise<IntegrationScores> {
    const { integrationStore, evidenceStore, scoreService } = this.options;
    const [integration] = await integrationStore.getByIds([integrationId]);
    if (!integration) {
      throw new NotFoundError(`No integration ${integrationId}`);
    }
    const now = this.options.now?.() ?? new Date();
    await evidenceStore.addVerification(integrationId, verification, now);
    const scores = await scoreService.compute(integration, now);
    return { ...scores, computedAt: now.toISOString() };
  }
}
