import { SyncRunSummary } from '@integration-health/plugin-integration-health-common';

/** Whether a scheduled run changed what any page may show. */
export function syncChangedAnything(run: SyncRunSummary): boolean {
  if (run.status !== 'succeeded' || !run.counts) return false;
  const c = run.counts;
  const moved = [
    c.integrationsAdded,
    c.integrationsGone,
    c.specVersionsAdded,
    c.apisGone,
    c.calendarEntriesAdded,
    c.evidenceRecorded,
    c.integrationsScored,
  ];
  return moved.some(count => (count ?? 0) > 0);
}
