import { HealthHistorySeed } from '@integration-health/plugin-integration-health-node';
import fs from 'node:fs';
import { parse } from 'yaml';

type Steps = { fromDaysAgo: number; value: number }[];
type HistoryFile = {
  days: number;
  integrations: {
    consumer: string;
    provider: string;
    api?: string;
    contract?: Steps;
    mock?: Steps;
  }[];
};

/** The value that holds `daysAgo` days before now: the latest step at or before it. */
function valueAt(steps: Steps | undefined, daysAgo: number) {
  return [...(steps ?? [])]
    .sort((a, b) => b.fromDaysAgo - a.fromDaysAgo)
    .filter(step => step.fromDaysAgo >= daysAgo)
    .pop()?.value;
}

/**
 * Reads examples/health-history.yaml into one seed per day, from `days`
 * days before `now` to yesterday.
 */
export function loadDemoHealthHistory(
  file: string,
  now: Date,
): HealthHistorySeed[] {
  const history: HistoryFile = parse(fs.readFileSync(file, 'utf8'));
  const seeds: HealthHistorySeed[] = [];
  for (let daysAgo = history.days; daysAgo >= 1; daysAgo--) {
    seeds.push({
      day: new Date(now.getTime() - daysAgo * 86_400_000)
        .toISOString()
        .slice(0, 10),
      integrations: history.integrations.map(i => ({
        consumerRef: i.consumer,
        providerRef: i.provider,
        ...(i.api ? { apiRef: i.api } : {}),
        contract: valueAt(i.contract, daysAgo),
        mock: valueAt(i.mock, daysAgo),
      })),
    });
  }
  return seeds;
}
