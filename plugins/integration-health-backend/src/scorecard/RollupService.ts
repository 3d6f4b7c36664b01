import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { HealthSnapshot } from '@integration-health/plugin-integration-health-common';
import { ScoreStore } from '../evidence/scores/ScoreStore';
import { IntegrationStore } from '../integrations/IntegrationStore';
import { RollupStore } from './RollupStore';
import { attachScores } from '../evidence/scores/attachScores';
import { CatalogVisibility } from '../integrations/CatalogVisibility';
import { CatalogSnapshot } from '../integrations/sync/catalogSnapshot';
import { computeRollups } from './computeRollups';

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The daily health of entities, teams, systems and domains. */
export class RollupService {
  private readonly visibility: CatalogVisibility;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      integrationStore: IntegrationStore;
      scoreStore: ScoreStore;
      rollupStore: RollupStore;
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
  }

  /** Rolls the current integrations and their scores up into the day's snapshot. */
  async snapshotDay(
    integrationIds: string[],
    snapshot: CatalogSnapshot,
    now: Date,
  ) {
    const { integrationStore, scoreStore, rollupStore } = this.options;
    const integrations = await attachScores(
      await integrationStore.getByIds(integrationIds),
      scoreStore,
    );
    const rollups = computeRollups(integrations, snapshot);
    const { written } = await rollupStore.saveDay(day(now), rollups);
    return { subjects: rollups.length, written };
  }

  /**
   * One entity's (or team's, system's, domain's) days over the last `days`
   * days, oldest first, for a caller who can see that entity. The numbers
   * are aggregates: they name no integration.
   */
  async trend(
    entityRef: string,
    days: number,
    credentials: BackstageCredentials,
  ): Promise<HealthSnapshot[]> {
    await this.visibility.assertVisible(entityRef, credentials);
    const since = new Date(Date.now() - (days - 1) * 86_400_000);
    return this.options.rollupStore.listDays(entityRef, day(since));
  }
}
