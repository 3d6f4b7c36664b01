import { Knex } from 'knex';

/** How many edges of each class a subject has. */
export type ObservationCounts = { undeclared: number; notObserved: number };

const TABLE = 'observation_counts';
/** The row marking that a day was counted. */
const DAY_MARK = '';
const INSERT_CHUNK = 200;

type Row = {
  day: string;
  subject_ref: string;
  undeclared: number | string;
  not_observed: number | string;
};

/**
 * The daily undeclared and not-observed counts per entity, team, system and
 * domain, for the scorecard and its trend.
 */
export class ObservationCountStore {
  constructor(private readonly db: Knex) {}

  /**
   * Makes the day's counts these (subjects not given had none that day),
   * with the day's totals over all edges.
   */
  async saveDay(
    day: string,
    counts: Map<string, ObservationCounts>,
    total: ObservationCounts,
  ): Promise<void> {
    const rows = [...counts].map(([subjectRef, c]) => ({
      day,
      subject_ref: subjectRef,
      undeclared: c.undeclared,
      not_observed: c.notObserved,
    }));
    await this.db.transaction(async tx => {
      await tx(TABLE).where('day', day).delete();
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await tx(TABLE).insert(rows.slice(i, i + INSERT_CHUNK));
      }
      await tx(TABLE).insert({
        day,
        subject_ref: DAY_MARK,
        undeclared: total.undeclared,
        not_observed: total.notObserved,
      });
    });
  }

  /**
   * The newest counted day on or before `onOrBefore` (YYYY-MM-DD) with the
   * counts of these subjects (0 for those without any that day); no day
   * when nothing was counted by then.
   */
  async latestDay(
    subjectRefs: string[],
    onOrBefore: string,
  ): Promise<{ day?: string; counts: Map<string, ObservationCounts> }> {
    const latest = (await this.db(TABLE)
      .where('day', '<=', onOrBefore)
      .andWhere('subject_ref', DAY_MARK)
      .max('day as day')
      .first()) as { day: string | null } | undefined;
    const counts = new Map<string, ObservationCounts>();
    if (!latest?.day) return { counts };
    for (const ref of subjectRefs) {
      counts.set(ref, { undeclared: 0, notObserved: 0 });
    }
    for (let i = 0; i < subjectRefs.length; i += 500) {
      const rows: Row[] = await this.db(TABLE)
        .where('day', latest.day)
        .whereIn('subject_ref', subjectRefs.slice(i, i + 500));
      for (const row of rows) {
        counts.set(row.subject_ref, {
          undeclared: Number(row.undeclared),
          notObserved: Number(row.not_observed),
        });
      }
    }
    return { day: latest.day, counts };
  }
}
