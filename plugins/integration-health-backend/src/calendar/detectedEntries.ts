import { nameOf } from './nameOf';
import { StoredBreakingChange } from '../specs/SpecStore';
import { DetectedEntry } from './CalendarStore';

const plural = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`;

/**
 * Calendar entries from spec history: one per spec version with breaking
 * changes (effective when the version was seen), and one per version and
 * sunset date for deprecations (effective at the sunset date).
 */
export function detectedEntries(
  changes: StoredBreakingChange[],
): DetectedEntry[] {
  const groups = new Map<string, StoredBreakingChange[]>();
  for (const change of changes) {
    const key = `${change.versionId}|${change.sunset ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  return [...groups].map(([sourceKey, group]) => {
    const [first] = group;
    const version = first.versionLabel ? ` ${first.versionLabel}` : '';
    const api = `${nameOf(first.apiRef)}${version}`;
    return {
      sourceKey,
      apiRef: first.apiRef,
      title: first.sunset
        ? `${api}: ${plural(
            group.length,
            'deprecation',
            'deprecations',
          )} sunset on ${first.sunset}`
        : `${api}: ${plural(
            group.length,
            'breaking change',
            'breaking changes',
          )}`,
      changes: group.map(c => ({
        ruleId: c.ruleId,
        level: c.level,
        location: c.location,
        message: c.message,
        fingerprint: c.fingerprint,
      })),
      effectiveAt: first.sunset
        ? `${first.sunset}T00:00:00.000Z`
        : first.observedAt,
    };
  });
}
