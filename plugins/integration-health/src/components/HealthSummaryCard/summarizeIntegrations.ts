import {
  HealthSnapshot,
  Integration,
} from '@integration-health/plugin-integration-health-common';

const mean = (values: number[]) =>
  values.length === 0
    ? undefined
    : Math.round(values.reduce((a, b) => a + b, 0) / values.length);

/**
 * Today's health of a set of integrations, rolled up the way the backend
 * rolls up entities, teams, systems and domains: the mean contract and mock
 * freshness over the integrations that have that score (each integration
 * weighs the same), how many have any evidence, and how many lack an
 * accountable owner. The backend keeps no daily rollup for an API entity, so
 * the health card computes an API's from the integrations that go through it.
 */
export function summarizeIntegrations(
  integrations: Integration[],
  day: string,
): HealthSnapshot {
  const unique = [...new Map(integrations.map(i => [i.id, i])).values()];
  const contract = unique.flatMap(i =>
    i.scores?.contract.value !== undefined ? [i.scores.contract.value] : [],
  );
  const mock = unique.flatMap(i =>
    i.scores?.mock.value !== undefined ? [i.scores.mock.value] : [],
  );
  return {
    day,
    contract: mean(contract),
    mock: mean(mock),
    integrations: unique.length,
    withEvidence: unique.filter(
      i =>
        i.scores?.contract.value !== undefined ||
        i.scores?.mock.value !== undefined,
    ).length,
    withoutAccountableOwner: unique.filter(i => !i.accountableOwnerRef).length,
  };
}
