import {
  HealthSnapshot,
  Integration,
} from '@integration-health/plugin-integration-health-common';
import { CatalogSnapshot } from '../integrations/sync/catalogSnapshot';

export type Rollup = Omit<HealthSnapshot, 'day'> & {
  subjectRef: string;
  /** Integrations it is on the provider side of. */
  asProvider: number;
  /** Integrations it is on the consumer side of (both, inside one team). */
  asConsumer: number;
};

/** A group and every group above it, stopping at cycles. */
export function withAncestors(
  group: string,
  parentOf: Map<string, string>,
): string[] {
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

/**
 * The entity, its system and domain, and its owning team with the groups
 * above it: the subjects one side of an integration counts for.
 */
export function sideSubjects(
  entityRef: string,
  ownerRef: string | undefined,
  snapshot: CatalogSnapshot,
): Set<string> {
  const subjects = new Set<string>([entityRef]);
  const system = snapshot.entities
    .get(entityRef)
    ?.relations.find(
      r => r.type === 'partOf' && r.targetRef.startsWith('system:'),
    )?.targetRef;
  if (system) {
    subjects.add(system);
    const domain = snapshot.domainOf.get(system);
    if (domain) subjects.add(domain);
  }
  if (ownerRef?.startsWith('group:')) {
    withAncestors(ownerRef, snapshot.parentGroupOf).forEach(g =>
      subjects.add(g),
    );
  }
  return subjects;
}

/** The subjects each side of an integration counts for. */
export function integrationSides(
  integration: Pick<
    Integration,
    'consumerRef' | 'providerRef' | 'consumerOwnerRef' | 'providerOwnerRef'
  >,
  snapshot: CatalogSnapshot,
): { provider: Set<string>; consumer: Set<string> } {
  return {
    provider: sideSubjects(
      integration.providerRef,
      integration.providerOwnerRef,
      snapshot,
    ),
    consumer: sideSubjects(
      integration.consumerRef,
      integration.consumerOwnerRef,
      snapshot,
    ),
  };
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
  const roles = new Map<string, { asProvider: number; asConsumer: number }>();
  for (const integration of integrations) {
    const { provider, consumer } = integrationSides(integration, snapshot);
    for (const subject of new Set([...provider, ...consumer])) {
      const list = bySubject.get(subject) ?? [];
      list.push(integration);
      bySubject.set(subject, list);
      const role = roles.get(subject) ?? { asProvider: 0, asConsumer: 0 };
      if (provider.has(subject)) role.asProvider++;
      if (consumer.has(subject)) role.asConsumer++;
      roles.set(subject, role);
    }
  }
  return [...bySubject].map(([subjectRef, list]) => ({
    subjectRef,
    ...roles.get(subjectRef)!,
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
