import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ContractVerification,
  EvidenceSourceStatus,
  IntegrationScores,
} from '@integration-health/plugin-integration-health-common';
import { MockDocument } from '@integration-health/plugin-integration-health-node';
import { EvidenceSourceStore } from './EvidenceSourceStore';
import { EvidenceStore } from './EvidenceStore';
import { MockStore } from './MockStore';
import { IntegrationStore } from '../integrations/IntegrationStore';
import { ScoreService } from './scores/ScoreService';
import { ScoreStore } from './scores/ScoreStore';
import { redactReason } from './redactReason';
import { CatalogVisibility } from '../integrations/CatalogVisibility';

/** Evidence pushed from pipelines, and the scores it changes. */
export class EvidenceService {
  private readonly visibility: CatalogVisibility;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      integrationStore: IntegrationStore;
      evidenceStore: EvidenceStore;
      scoreStore: ScoreStore;
      mockStore: MockStore;
      sourceStore: EvidenceSourceStore;
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
    const { integrationStore, scoreStore } = this.options;
    await this.visibility.getVisibleIntegration(
      integrationStore,
      integrationId,
      credentials,
    );
    const since = new Date(Date.now() - (days - 1) * 86_400_000);
    return scoreStore.listSnapshots(
      integrationId,
      since.toISOString().slice(0, 10),
    );
  }

  /**
   * Every evidence source, stale ones with their last error, redacted: the
   * full error is in the log.
   */
  async listSources(): Promise<EvidenceSourceStatus[]> {
    const sources = await this.options.sourceStore.listSources();
    return sources.map(source => ({
      ...source,
      lastError: source.lastError && redactReason(source.lastError),
    }));
  }

  private async existing(integrationId: string) {
    const [integration] = await this.options.integrationStore.getByIds([
      integrationId,
    ]);
    if (!integration) {
      throw new NotFoundError(`No integration ${integrationId}`);
    }
    return integration;
  }

  async recordVerification(
    integrationId: string,
    verification: ContractVerification,
  ): Promise<IntegrationScores> {
    const integration = await this.existing(integrationId);
    const now = new Date();
    await this.options.evidenceStore.addVerification(
      integrationId,
      verification,
      now,
    );
    const scores = await this.options.scoreService.compute(integration, now);
    return { ...scores, computedAt: now.toISOString() };
  }

  /** Replaces the mocks a pipeline pushed for one integration under `source`, and rescores it. */
  async replaceMocks(
    integrationId: string,
    source: string,
    documents: MockDocument[],
  ): Promise<IntegrationScores> {
    const integration = await this.existing(integrationId);
    const now = new Date();
    await this.options.mockStore.replaceMocks(
      source,
      [{ integrationId, documents }],
      {
        removeOthers: false,
        collectedAt: now,
      },
    );
    const scores = await this.options.scoreService.compute(integration, now);
    return { ...scores, computedAt: now.toISOString() };
  }
}
