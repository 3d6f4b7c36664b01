import { HealthSnapshot } from '@integration-health/plugin-integration-health-common';
import { Knex } from 'knex';
import { Rollup } from './computeRollups';
import { optional } from '../database/rowValues';
import {
  Contribution,
  MemberRow,
  rollupsFromMembers,
} from './rollupContributions';

/** The day and structure the rollups were last computed for. */
export type RollupState = { day: string; digest: string; subjects: number };

/** What the rollups last counted of one integration. */
export type StoredContribution = Pick<
  Contribution,
  'digest' | 'contract' | 'mock' | 'withoutOwner'
>;

export interface RollupStore {
  /** Writes the day's rollups; rows equal to what the day already has are not written again. */
  saveDay(day: string, rollups: Rollup[]): Promise<{ written: number }>;
  /** Whether any rollup was written for the day. */
  hasDay(day: string): Promise<boolean>;
  /**
   * Every subject of these kinds (`group`, `domain`, …) on the newest day
   * with a snapshot on or before `onOrBefore`.
   */
  latestDay(
    kinds: string[],
    onOrBefore: string,
  ): Promise<{ day?: string; rollups: Map<string, Rollup> }>;
  /** One subject's days from `sinceDay` (YYYY-MM-DD), oldest first. */
  listDays(subjectRef: string, sinceDay: string): Promise<HealthSnapshot[]>;

  getState(): Promise<RollupState | undefined>;
  saveState(state: RollupState): Promise<void>;
  /** What the rollups last counted of every integration, by id. */
  listContributions(): Promise<Map<string, StoredContribution>>;
  /** The subjects these integrations counted for. */
  subjectsOf(integrationIds: string[]): Promise<Set<string>>;
  /** Replaces what these integrations count for, and forgets the removed ones. */
  saveContributions(
    contributions: Contribution[],
    removedIds: string[],
  ): Promise<void>;
  /** These subjects' rollups from the stored contributions; those with none are left out. */
  rollupsOf(subjectRefs: string[]): Promise<Rollup[]>;
  /** How many subjects the stored contributions count for. */
  countSubjects(): Promise<number>;
}

type Row = {
  day: string;
  subject_ref: string;
  contract: number | null;
  mock: number | null;
  integrations: number;
  with_evidence: number;
  without_owner: number;
  as_provider: number;
  as_consumer: number;
};

const TABLE = 'rollup_snapshots';
const INTEGRATIONS = 'rollup_integrations';
const MEMBERS = 'rollup_members';
const STATE = 'rollup_state';
const CHUNK = 500;
const chunks = <T>(items: T[], size = CHUNK): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
const bool = (value: unknown) => value === true || Number(value) === 1;
const num = (value: unknown) =>
  value === null || value === undefined ? undefined : Number(value);

const toRow = (day: string, r: Rollup): Row => ({
  day,
  subject_ref: r.subjectRef,
  contract: r.contract ?? null,
  mock: r.mock ?? null,
  integrations: r.integrations,
  with_evidence: r.withEvidence,
  without_owner: r.withoutAccountableOwner,
  as_provider: r.asProvider,
  as_consumer: r.asConsumer,
});

const same = (a: Row, b: Row) =>
  a.contract === b.contract &&
  a.mock === b.mock &&
  a.integrations === b.integrations &&
  a.with_evidence === b.with_evidence &&
  a.without_owner === b.without_owner &&
  a.as_provider === b.as_provider &&
  a.as_consumer === b.as_consumer;

export class DatabaseRollupStore implements RollupStore {
  constructor(private readonly db: Knex) {}

  async saveDay(day: string, rollups: Rollup[]) {
    // Only these subjects' rows are read: a run that recomputed a few reads few.
    const existing = new Map<string, Row>();
    for (const chunk of chunks(rollups.map(r => r.subjectRef))) {
      const rows: Row[] = await this.db(TABLE)
        .where('day', day)
        .whereIn('subject_ref', chunk);
      rows.forEach(r => existing.set(r.subject_ref, r));
    }
    const changed = rollups
      .map(r => toRow(day, r))
      .filter(row => {
        const before = existing.get(row.subject_ref);
        return !before || !same(before, row);
      });
    for (let i = 0; i < changed.length; i += 200) {
      await this.db(TABLE)
        .insert(changed.slice(i, i + 200))
        .onConflict(['day', 'subject_ref'])
        .merge();
    }
    return { written: changed.length };
  }

  async hasDay(day: string): Promise<boolean> {
    return Boolean(await this.db(TABLE).where('day', day).first('day'));
  }

  async latestDay(kinds: string[], onOrBefore: string) {
    const latest = (await this.db(TABLE)
      .where('day', '<=', onOrBefore)
      .max('day as day')
      .first()) as { day: string | null } | undefined;
    const rollups = new Map<string, Rollup>();
    if (!latest?.day) return { rollups };
    const rows: Row[] = await this.db(TABLE)
      .where('day', latest.day)
      .andWhere(q => {
        for (const kind of kinds) q.orWhere('subject_ref', 'like', `${kind}:%`);
      });
    for (const row of rows) {
      rollups.set(row.subject_ref, {
        subjectRef: row.subject_ref,
        contract: optional(row.contract),
        mock: optional(row.mock),
        integrations: Number(row.integrations),
        withEvidence: Number(row.with_evidence),
        withoutAccountableOwner: Number(row.without_owner),
        asProvider: Number(row.as_provider),
        asConsumer: Number(row.as_consumer),
      });
    }
    return { day: latest.day, rollups };
  }

  async listDays(
    subjectRef: string,
    sinceDay: string,
  ): Promise<HealthSnapshot[]> {
    const rows: Row[] = await this.db(TABLE)
      .where('subject_ref', subjectRef)
      .andWhere('day', '>=', sinceDay)
      .orderBy('day', 'asc');
    return rows.map(row => ({
      day: row.day,
      contract: optional(row.contract),
      mock: optional(row.mock),
      integrations: Number(row.integrations),
      withEvidence: Number(row.with_evidence),
      withoutAccountableOwner: Number(row.without_owner),
    }));
  }

  async getState(): Promise<RollupState | undefined> {
    const row = await this.db(STATE).where('id', 'current').first();
    return row
      ? { day: row.day, digest: row.digest, subjects: Number(row.subjects) }
      : undefined;
  }

  async saveState(state: RollupState): Promise<void> {
    await this.db(STATE)
      .insert({ id: 'current', ...state })
      .onConflict('id')
      .merge();
  }

  async listContributions(): Promise<Map<string, StoredContribution>> {
    const rows = await this.db(INTEGRATIONS).select(
      'integration_id',
      'digest',
      'contract',
      'mock',
      'without_owner',
    );
    return new Map(
      rows.map(row => [
        row.integration_id,
        {
          digest: row.digest,
          contract: num(row.contract),
          mock: num(row.mock),
          withoutOwner: bool(row.without_owner),
        },
      ]),
    );
  }

  async subjectsOf(integrationIds: string[]): Promise<Set<string>> {
    const subjects = new Set<string>();
    for (const chunk of chunks(integrationIds)) {
      const rows: { subject_ref: string }[] = await this.db(MEMBERS)
        .whereIn('integration_id', chunk)
        .distinct('subject_ref');
      rows.forEach(r => subjects.add(r.subject_ref));
    }
    return subjects;
  }

  async saveContributions(
    contributions: Contribution[],
    removedIds: string[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      for (const chunk of chunks([
        ...removedIds,
        ...contributions.map(c => c.integrationId),
      ])) {
        await tx(MEMBERS).whereIn('integration_id', chunk).delete();
        await tx(INTEGRATIONS).whereIn('integration_id', chunk).delete();
      }
      for (const chunk of chunks(contributions, 100)) {
        await tx(INTEGRATIONS).insert(
          chunk.map(c => ({
            integration_id: c.integrationId,
            digest: c.digest,
            contract: c.contract ?? null,
            mock: c.mock ?? null,
            without_owner: c.withoutOwner,
          })),
        );
      }
      const members = contributions.flatMap(c =>
        [...c.subjects].map(([subjectRef, side]) => ({
          integration_id: c.integrationId,
          subject_ref: subjectRef,
          as_provider: side.asProvider,
          as_consumer: side.asConsumer,
        })),
      );
      for (const chunk of chunks(members, 100)) {
        await tx(MEMBERS).insert(chunk);
      }
    });
  }

  async rollupsOf(subjectRefs: string[]): Promise<Rollup[]> {
    const rows: MemberRow[] = [];
    for (const chunk of chunks(subjectRefs)) {
      const found = await this.db(`${MEMBERS} as m`)
        .join(`${INTEGRATIONS} as i`, 'i.integration_id', 'm.integration_id')
        .whereIn('m.subject_ref', chunk)
        .select(
          'm.subject_ref',
          'm.as_provider',
          'm.as_consumer',
          'i.contract',
          'i.mock',
          'i.without_owner',
        );
      rows.push(
        ...found.map(row => ({
          subjectRef: row.subject_ref,
          asProvider: bool(row.as_provider),
          asConsumer: bool(row.as_consumer),
          withoutOwner: bool(row.without_owner),
          contract: num(row.contract),
          mock: num(row.mock),
        })),
      );
    }
    return rollupsFromMembers(rows);
  }

  async countSubjects(): Promise<number> {
    const [{ n }] = await this.db(MEMBERS).countDistinct({ n: 'subject_ref' });
    return Number(n);
  }
}
