import { HoldConfig } from '../../config';

/**
 * Why a run's catalog read looks incomplete and must not be applied, or
 * undefined when it can be. A catalog still ingesting after a restart, or a
 * permission policy that hides entities from the plugin, answers few
 * entities: applying that would mark integrations gone, replace evidence
 * and write an empty day.
 */
export function holdReason(options: {
  hold: HoldConfig;
  entitiesRead: number;
  /** Entities the last good run read, when there was one. */
  lastGoodEntitiesRead?: number;
  /** Integrations stored and not gone before this run. */
  activeBefore: number;
  /** Of those, how many this read no longer finds. */
  wouldGo: number;
}): string | undefined {
  const { hold, entitiesRead, lastGoodEntitiesRead, activeBefore, wouldGo } =
    options;
  if (
    lastGoodEntitiesRead !== undefined &&
    lastGoodEntitiesRead > 0 &&
    entitiesRead < hold.minEntitiesShare * lastGoodEntitiesRead
  ) {
    return `the catalog answered ${entitiesRead} entities where the last good run read ${lastGoodEntitiesRead} (under ${Math.round(
      hold.minEntitiesShare * 100,
    )}%); nothing was changed`;
  }
  if (activeBefore > 0 && wouldGo > hold.maxGoneShare * activeBefore) {
    return `${wouldGo} of ${activeBefore} integrations would be marked gone (over ${Math.round(
      hold.maxGoneShare * 100,
    )}%); nothing was changed. If the catalog really lost them, raise integrationHealth.sync.hold.maxGoneShare for one run`;
  }
  return undefined;
}
