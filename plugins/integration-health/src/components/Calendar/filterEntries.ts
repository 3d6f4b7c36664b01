import {
  AcknowledgementState,
  CalendarEntry,
} from '@integration-health/plugin-integration-health-common';

export type CalendarFilterState = {
  /** A group: entries its consumers or providers are owned by. */
  teamRef?: string;
  apiRef?: string;
  state?: AcknowledgementState | 'cancelled';
};

/** The entries the filters let through, in date order. */
export function filterEntries(
  entries: CalendarEntry[],
  filter: CalendarFilterState,
): CalendarEntry[] {
  return entries.filter(entry => {
    if (filter.apiRef && entry.apiRef !== filter.apiRef) return false;
    if (filter.teamRef) {
      const owned =
        entry.providerOwnerRefs.includes(filter.teamRef) ||
        entry.consumers.some(c => c.consumerOwnerRef === filter.teamRef);
      if (!owned) return false;
    }
    if (filter.state === 'cancelled') return Boolean(entry.cancelledAt);
    if (entry.cancelledAt) return false;
    return !filter.state || entry.consumers.some(c => c.state === filter.state);
  });
}

/** How many consumers of an entry stand where, in words. */
export function stateSummary(entry: CalendarEntry): string {
  if (entry.cancelledAt) return 'cancelled';
  if (entry.consumers.length === 0) return 'no consumers';
  const count = (state: AcknowledgementState) =>
    entry.consumers.filter(c => c.state === state).length;
  return (['overdue', 'pending', 'acknowledged'] as const)
    .filter(state => count(state) > 0)
    .map(state => `${count(state)} ${state}`)
    .join(', ');
}

/** The worst state among an entry's consumers, for its colour. */
export function worstState(
  entry: CalendarEntry,
): AcknowledgementState | 'cancelled' | 'none' {
  if (entry.cancelledAt) return 'cancelled';
  for (const state of ['overdue', 'pending', 'acknowledged'] as const) {
    if (entry.consumers.some(c => c.state === state)) return state;
  }
  return 'none';
}

export const shortRef = (ref: string) => ref.slice(ref.indexOf('/') + 1);
