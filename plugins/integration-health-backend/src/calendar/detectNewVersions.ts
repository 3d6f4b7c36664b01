import { SpecStore } from '../specs/SpecStore';
import { CalendarStore, StoredEntry } from './CalendarStore';
import { detectedEntries } from './detectedEntries';

/** Versions read per page when none is configured. */
export const DETECT_PAGE_SIZE = 500;

/**
 * Puts the breaking changes and sunsets of the spec versions the calendar
 * has not taken in yet on it, a page of versions at a time, and marks those
 * versions: each run reads what was recorded since, however long the
 * history. A version's changes are read whole (its entries group them), and
 * it is marked only after its entries are stored, so a run that fails midway
 * leaves the rest for the next. Two runs at once both add an entry once
 * (entries are unique by source) and mark the same versions.
 */
export async function detectNewVersions(options: {
  specStore: Pick<
    SpecStore,
    'listVersionsNotOnCalendar' | 'listBreakingChangesOf' | 'markOnCalendar'
  >;
  calendarStore: Pick<CalendarStore, 'addDetected'>;
  now: Date;
  pageSize?: number;
}): Promise<{ added: StoredEntry[]; versionsRead: number }> {
  const { specStore, calendarStore, now } = options;
  const pageSize = options.pageSize ?? DETECT_PAGE_SIZE;
  const added: StoredEntry[] = [];
  let versionsRead = 0;
  for (;;) {
    const versionIds = await specStore.listVersionsNotOnCalendar(pageSize);
    if (versionIds.length === 0) break;
    const changes = await specStore.listBreakingChangesOf(versionIds);
    added.push(
      ...(await calendarStore.addDetected(detectedEntries(changes), now)),
    );
    await specStore.markOnCalendar(versionIds, now);
    versionsRead += versionIds.length;
    if (versionIds.length < pageSize) break;
  }
  return { added, versionsRead };
}
