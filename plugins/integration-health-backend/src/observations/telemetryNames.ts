import { CatalogSnapshot } from '../integrations/sync/catalogSnapshot';

/** Longest telemetry name kept, and most names one entity may claim. */
const MAX_NAME = 255;
const MAX_NAMES_PER_ENTITY = 20;

/**
 * Which entities each telemetry service name stands for: components and
 * resources by their telemetry annotation, else by their name. A name two
 * entities claim stands for both, and is reported as ambiguous, not guessed.
 */
export function telemetryNamesOf(
  snapshot: Pick<CatalogSnapshot, 'entities'>,
): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const entity of snapshot.entities.values()) {
    const claimed = (entity.telemetryNames ?? [])
      .filter(name => name.length > 0 && name.length <= MAX_NAME)
      .slice(0, MAX_NAMES_PER_ENTITY);
    for (const name of new Set(claimed)) {
      names.set(name, [...(names.get(name) ?? []), entity.ref]);
    }
  }
  return names;
}
