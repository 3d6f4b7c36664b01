import { createHash } from 'node:crypto';
import { Integration } from '@integration-health/plugin-integration-health-common';
import { CatalogSnapshot } from '../integrations/sync/catalogSnapshot';
import { integrationSides, Rollup } from './computeRollups';

export type SubjectSides = Map<
  string,
  { asProvider: boolean; asConsumer: boolean }
>;

/** What one integration brings to the rollups of the subjects it counts for. */
export type Contribution = {
  integrationId: string;
  /** A digest of the subjects, sides and owner: what the catalog decides. */
  digest: string;
  subjects: SubjectSides;
  withoutOwner: boolean;
  contract?: number;
  mock?: number;
};

/** A subject's row of one integration, as the rollups count it. */
export type MemberRow = {
  subjectRef: string;
  asProvider: boolean;
  asConsumer: boolean;
  withoutOwner: boolean;
  contract?: number;
  mock?: number;
};

/** The subjects and sides an integration counts for, the way computeRollups counts them. */
export function structureOf(
  integration: Pick<
    Integration,
    'consumerRef' | 'providerRef' | 'consumerOwnerRef' | 'providerOwnerRef'
  >,
  hasOwner: boolean,
  snapshot: CatalogSnapshot,
): Pick<Contribution, 'digest' | 'subjects' | 'withoutOwner'> {
  const { provider, consumer } = integrationSides(integration, snapshot);
  const subjects: SubjectSides = new Map();
  for (const subject of [...new Set([...provider, ...consumer])].sort()) {
    subjects.set(subject, {
      asProvider: provider.has(subject),
      asConsumer: consumer.has(subject),
    });
  }
  const digest = createHash('sha256')
    .update(
      JSON.stringify([
        hasOwner,
        [...subjects].map(([ref, s]) => [ref, s.asProvider, s.asConsumer]),
      ]),
    )
    .digest('hex');
  return { digest, subjects, withoutOwner: !hasOwner };
}

/** One digest of every integration's structure: equal when no subject's membership changed. */
export function structureDigest(
  structures: { integrationId: string; digest: string }[],
): string {
  const hash = createHash('sha256');
  for (const s of [...structures].sort((a, b) =>
    a.integrationId.localeCompare(b.integrationId),
  )) {
    hash.update(`${s.integrationId} ${s.digest}\n`);
  }
  return hash.digest('hex');
}

const mean = (values: number[]) =>
  values.length === 0
    ? undefined
    : Math.round(values.reduce((a, b) => a + b, 0) / values.length);

/** The rollup of each subject from its members' rows, as computeRollups computes it. */
export function rollupsFromMembers(rows: MemberRow[]): Rollup[] {
  const bySubject = new Map<string, MemberRow[]>();
  for (const row of rows) {
    bySubject.set(row.subjectRef, [
      ...(bySubject.get(row.subjectRef) ?? []),
      row,
    ]);
  }
  return [...bySubject].map(([subjectRef, list]) => ({
    subjectRef,
    asProvider: list.filter(r => r.asProvider).length,
    asConsumer: list.filter(r => r.asConsumer).length,
    contract: mean(
      list.flatMap(r => (r.contract !== undefined ? [r.contract] : [])),
    ),
    mock: mean(list.flatMap(r => (r.mock !== undefined ? [r.mock] : []))),
    integrations: list.length,
    withEvidence: list.filter(
      r => r.contract !== undefined || r.mock !== undefined,
    ).length,
    withoutAccountableOwner: list.filter(r => r.withoutOwner).length,
  }));
}
