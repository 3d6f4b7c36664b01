import {
  CalendarEntry,
  IncidentSummary,
} from '@integration-health/plugin-integration-health-common';
import { StoredIncident } from '../incidents/IncidentStore';

type BreakingCounts = { announced: number; pending: number; overdue: number };

/**
 * Each team's announced entries and its consumers' pending and overdue
 * acknowledgements, counted for the team and every group above it (once
 * per entry or acknowledgement, however many of its groups are involved).
 */
export function breakingByTeam(
  entries: CalendarEntry[],
  teamsOf: (group: string) => string[],
) {
  const counts = new Map<string, BreakingCounts>();
  const count = (groups: string[], key: keyof BreakingCounts) => {
    for (const team of new Set(groups.flatMap(teamsOf))) {
      const found = counts.get(team) ?? {
        announced: 0,
        pending: 0,
        overdue: 0,
      };
      found[key]++;
      counts.set(team, found);
    }
  };
  for (const entry of entries) {
    if (entry.origin === 'announced')
      count(entry.providerOwnerRefs, 'announced');
    for (const consumer of entry.consumers) {
      if (!consumer.consumerOwnerRef) continue;
      if (consumer.state === 'pending' || consumer.state === 'overdue')
        count([consumer.consumerOwnerRef], consumer.state);
    }
  }
  return counts;
}

export const noIncidents = (): IncidentSummary => ({
  count: 0,
  durationMinutes: 0,
  affectedTransactions: 0,
  money: {},
});

/** Incidents per subject: each counts for every subject its integration counts for. */
export function incidentsBySubject(
  incidents: StoredIncident[],
  subjectsOf: Map<string, Set<string>>,
) {
  const summaries = new Map<string, IncidentSummary>();
  for (const incident of incidents) {
    for (const subject of subjectsOf.get(incident.integrationId) ?? []) {
      const found = summaries.get(subject) ?? noIncidents();
      found.count++;
      found.durationMinutes += incident.impact.durationMinutes ?? 0;
      found.affectedTransactions += incident.impact.affectedTransactions ?? 0;
      const money = incident.impact.money;
      if (money) {
        found.money[money.currency] =
          Math.round(
            ((found.money[money.currency] ?? 0) + money.amount) * 100,
          ) / 100;
      }
      summaries.set(subject, found);
    }
  }
  return summaries;
}
