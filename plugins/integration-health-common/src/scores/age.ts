const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `at` to `now`, never negative. */
export function ageInDays(at: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(at)) / DAY_MS));
}
