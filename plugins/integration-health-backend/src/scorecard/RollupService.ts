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
import {
  idOfIntegration,
  ObservedIntegration,
} from '../integrations/IntegrationStore';
import {
  Contribution,
  structureDigest,
  structureOf,
} from './rollupContributions';

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

  /**
   * Rolls the current integrations and their scores up into the day's
   * snapshot, all of them, and keeps what each counted for so that later
   * runs of the day can recompute only what changed.
   */
  async snapshotDay(
    integrationIds: string[],
    snapshot: CatalogSnapshot,
    now: Date,
  ) {
    const { integrationStore, scoreStore, rollupStore } = this.options;
    const changes = await scoreStore.listScoreChanges();
    const integrations = await attachScores(
      await integrationStore.getByIds(integrationIds),
      scoreStore,
    );
    const rollups = computeRollups(integrations, snapshot);
    const { written } = await rollupStore.saveDay(day(now), rollups);
    const contributions: Contribution[] = integrations.map(i => ({
      integrationId: i.id,
      ...structureOf(i, !!i.accountableOwnerRef, snapshot),
      contract: i.scores?.contract.value,
      mock: i.scores?.mock.value,
    }));
    const stored = await rollupStore.listContributions();
    const current = new Set(integrations.map(i => i.id));
    await rollupStore.saveContributions(
      contributions.filter(c => {
        const before = stored.get(c.integrationId);
        return (
          !before ||
          before.digest !== c.digest ||
          before.contract !== c.contract ||
          before.mock !== c.mock
        );
      }),
      [...stored.keys()].filter(id => !current.has(id)),
    );
    await rollupStore.saveState({
      day: day(now),
      digest: structureDigest(contributions),
      subjects: rollups.length,
    });
    await scoreStore.clearScoreChanges(changes.marks);
    return { subjects: rollups.length, written, recomputed: rollups.length };
  }

  /**
   * The day's snapshot, recomputing only the subjects of integrations that
   * were added or are gone, whose subjects, sides or owner changed (another
   * team, system or group above), or whose score values changed since the
   * last run. The first run of a day recomputes everything (age moves
   * scores, and a new day starts from every subject). What it stores is
   * what recomputing everything would.
   */
  async snapshotChanged(
    observed: ObservedIntegration[],
    snapshot: CatalogSnapshot,
    now: Date,
  ) {
    const { integrationStore, scoreStore, rollupStore } = this.options;
    const withIds = observed.map(o => ({
      ...o,
      id: idOfIntegration(o),
    }));
    const [state, changes] = await Promise.all([
      rollupStore.getState(),
      scoreStore.listScoreChanges(),
    ]);
    if (state?.day !== day(now)) {
      return this.snapshotDay(
        withIds.map(i => i.id),
        snapshot,
        now,
      );
    }
    // Only an owner assigned in the UI can stand in for a declared one.
    const assigned = await integrationStore.assignedOwnerIds();
    const structures = new Map(
      withIds.map(i => [
        i.id,
        structureOf(i, !!i.accountableOwnerRef || assigned.has(i.id), snapshot),
      ]),
    );
    const digest = structureDigest(
      [...structures].map(([id, s]) => ({ integrationId: id, ...s })),
    );
    if (digest === state.digest && changes.marks.length === 0) {
      return { subjects: state.subjects, written: 0, recomputed: 0 };
    }
    const stored = await rollupStore.listContributions();
    const rescored = new Set(changes.integrationIds);
    const dirty = [...structures.keys()].filter(
      id =>
        stored.get(id)?.digest !== structures.get(id)!.digest ||
        rescored.has(id),
    );
    const removed = [...stored.keys()].filter(id => !structures.has(id));
    const touched = await rollupStore.subjectsOf([...dirty, ...removed]);
    const scores = await scoreStore.getScores(dirty);
    const contributions = dirty.map(id => {
      const structure = structures.get(id)!;
      structure.subjects.forEach((_, subject) => touched.add(subject));
      return {
        integrationId: id,
        ...structure,
        contract: scores.get(id)?.contract.value,
        mock: scores.get(id)?.mock.value,
      };
    });
    await rollupStore.saveContributions(contributions, removed);
    const rollups = await rollupStore.rollupsOf([...touched]);
    const { written } = await rollupStore.saveDay(day(now), rollups);
    const subjects = await rollupStore.countSubjects();
    await rollupStore.saveState({ day: day(now), digest, subjects });
    await scoreStore.clearScoreChanges(changes.marks);
    return { subjects, written, recomputed: rollups.length };
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
