import { HealthSnapshot } from '@integration-health/plugin-integration-health-common';
import { Knex } from 'knex';
import { Rollup } from './computeRollups';
import { optional } from '../database/rowValues';

export interface RollupStore {
  /** Writes the day's rollups; rows equal to what the day already has are not written again. */
  saveDay(day: string, rollups: Rollup[]): Promise<{ written: number }>;
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
    const existing = new Map<string, Row>(
      ((await this.db(TABLE).where('day', day)) as Row[]).map(r => [
        r.subject_ref,
        r,
      ]),
    );
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
}
