import {
  Integration,
  IntegrationScores,
} from '@integration-health/plugin-integration-health-common';
import { HealthHistorySeed } from '@integration-health/plugin-integration-health-node';
import { ScoreStore } from '../evidence/scores/ScoreStore';
import {
  idOfIntegration,
  IntegrationStore,
} from '../integrations/IntegrationStore';
import { CatalogSnapshot } from '../integrations/sync/catalogSnapshot';
import { computeRollups } from './computeRollups';
import { RollupStore } from './RollupStore';

/** Scores as rollups read them: a value, or none. */
const scoresOf = (contract?: number, mock?: number) =>
  ({
    contract: { value: contract },
    mock: { value: mock },
  } as unknown as IntegrationScores);

/**
 * Daily health recorded before the plugin first ran (a demo's history),
 * written once the first full sync knows the integrations and the catalog:
 * each day's snapshots and rollups, for days the plugin did not compute
 * itself. Without seeds it does nothing; the product never invents history.
 */
export class HealthHistoryService {
  private applied = false;

  constructor(
    private readonly options: {
      seeds: (() => Promise<HealthHistorySeed[]>)[];
      integrationStore: Pick<IntegrationStore, 'getByIds'>;
      scoreStore: Pick<ScoreStore, 'saveRecordedSnapshots'>;
      rollupStore: Pick<RollupStore, 'hasDay' | 'saveDay'>;
    },
  ) {}

  /**
   * Writes the recorded days before `now`'s, once per process: every
   * current integration counts on each day, with its recorded scores where
   * the seed has them and unknown scores where it does not.
   */
  async applySeeds(
    currentIds: string[],
    snapshot: CatalogSnapshot,
    now: Date,
  ): Promise<number> {
    if (this.applied || this.options.seeds.length === 0) return 0;
    const today = now.toISOString().slice(0, 10);
    const days = (await Promise.all(this.options.seeds.map(load => load())))
      .flat()
      .filter(seed => seed.day < today);
    if (days.length === 0) return 0;
    const current = await this.options.integrationStore.getByIds(currentIds);
    let written = 0;
    for (const seed of days) {
      const scored = new Map(
        seed.integrations.map(i => [idOfIntegration(i), i]),
      );
      const recorded: Integration[] = current.map(integration => {
        const seen = scored.get(integration.id);
        return { ...integration, scores: scoresOf(seen?.contract, seen?.mock) };
      });
      await this.options.scoreStore.saveRecordedSnapshots(
        recorded
          .filter(i => scored.has(i.id))
          .map(i => ({
            day: seed.day,
            integrationId: i.id,
            contract: scored.get(i.id)!.contract,
            mock: scored.get(i.id)!.mock,
          })),
      );
      if (!(await this.options.rollupStore.hasDay(seed.day))) {
        await this.options.rollupStore.saveDay(
          seed.day,
          computeRollups(recorded, snapshot),
        );
        written += 1;
      }
    }
    this.applied = true;
    return written;
  }
}
