import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ContractVerification,
  IntegrationScores,
} from '@integration-health/plugin-integration-health-common';
import { EvidenceStore } from '../database/EvidenceStore';
import { IntegrationStore } from '../database/IntegrationStore';
import { ScoreService } from '../scores/ScoreService';
import { CatalogVisibility } from './CatalogVisibility';

/** Evidence pushed from pipelines, and the scores it changes. */
export class EvidenceService {
  private readonly visibility: CatalogVisibility;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      integrationStore: IntegrationStore;
      evidenceStore: EvidenceStore;
      scoreService: ScoreService;
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
  }

  /** The integration's daily scores over the last `days` days, oldest first. */
  async trend(
    integrationId: string,
    days: number,
    credentials: BackstageCredentials,
  ): Promise<{ day: string; contract?: number; mock?: number }[]> {
    const { integrationStore, evidenceStore } = this.options;
    await this.visibility.getVisibleIntegration(
      integrationStore,
      integrationId,
      credentials,
    );
    const since = new Date(Date.now() - (days - 1) * 86_400_000);
    return evidenceStore.listSnapshots(
      integrationId,
      since.toISOString().slice(0, 10),
    );
  }

  async recordVerification(
    integrationId: string,
    verification: ContractVerification,
  ): Promise<IntegrationScores> {
    const { integrationStore, evidenceStore, scoreService } = this.options;
    const [integration] = await integrationStore.getByIds([integrationId]);
    if (!integration) {
      throw new NotFoundError(`No integration ${integrationId}`);
    }
    const now = new Date();
    await evidenceStore.addVerification(integrationId, verification, now);
    const scores = await scoreService.compute(integration, now);
    return { ...scores, computedAt: now.toISOString() };
  }
}
