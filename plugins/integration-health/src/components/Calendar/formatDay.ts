/** "Nov 19, 2026": a calendar day as the calendar shows it, in UTC. */
export const formatDay = (iso: string) =>
  new Date(iso).toLocaleDateString('en', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
