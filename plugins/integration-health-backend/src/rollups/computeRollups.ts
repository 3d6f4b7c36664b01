import {
  HealthSnapshot,
  Integration,
} from '@integration-health/plugin-integration-health-common';
import { CatalogSnapshot } from '../sync/catalogSnapshot';

export type Rollup = Omit<HealthSnapshot, 'day'> & { subjectRef: string };

/** A group and every group above it, stopping at cycles. */
function withAncestors(group: string, parentOf: Map<string, string>): string[] {
  const chain: string[] = [];
  for (
    let ref: string | undefined = group;
    ref && !chain.includes(ref);
    ref = parentOf.get(ref)
  ) {
    chain.push(ref);
  }
  return chain;
}

/** Entities, teams (with the groups above them), systems and domains an integration counts for. */
function subjectsOf(
  integration: Integration,
  snapshot: CatalogSnapshot,
): Set<string> {
  const subjects = new Set<string>();
  for (const ref of [integration.consumerRef, integration.providerRef]) {
    subjects.add(ref);
    const system = snapshot.entities
      .get(ref)
      ?.relations.find(
        r => r.type === 'partOf' && r.targetRef.startsWith('system:'),
      )?.targetRef;
    if (system) {
      subjects.add(system);
      const domain = snapshot.domainOf.get(system);
      if (domain) subjects.add(domain);
    }
  }
  for (const owner of [
    integration.consumerOwnerRef,
    integration.providerOwnerRef,
  ]) {
    if (owner?.startsWith('group:')) {
      withAncestors(owner, snapshot.parentGroupOf).forEach(g =>
        subjects.add(g),
      );
    }
  }
  return subjects;
}

const mean = (values: number[]) =>
  values.length === 0
    ? undefined
    : Math.round(values.reduce((a, b) => a + b, 0) / values.length);

/**
 * The rollup of every entity, team, system and domain with integrations:
 * the mean contract and mock freshness over its integrations that have a
 * score (each integration weighs the same), how many have evidence, and how
 * many lack an accountable owner.
 */
export function computeRollups(
  integrations: Integration[],
  snapshot: CatalogSnapshot,
): Rollup[] {
  const bySubject = new Map<string, Integration[]>();
  for (const integration of integrations) {
    for (const subject of subjectsOf(integration, snapshot)) {
      const list = bySubject.get(subject) ?? [];
      list.push(integration);
      bySubject.set(subject, list);
    }
  }
  return [...bySubject].map(([subjectRef, list]) => ({
    subjectRef,
    contract: mean(
      list.flatMap(i =>
        i.scores?.contract.value !== undefined ? [i.scores.contract.value] : [],
      ),
    ),
    mock: mean(
      list.flatMap(i =>
        i.scores?.mock.value !== undefined ? [i.scores.mock.value] : [],
      ),
    ),
    integrations: list.length,
    withEvidence: list.filter(
      i =>
        i.scores?.contract.value !== undefined ||
        i.scores?.mock.value !== undefined,
    ).length,
    withoutAccountableOwner: list.filter(i => !i.accountableOwnerRef).length,
  }));
}
