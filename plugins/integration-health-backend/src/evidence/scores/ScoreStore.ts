import {
  IntegrationScores,
  ScoreExplanation,
} from '@integration-health/plugin-integration-health-common';
import { Knex } from 'knex';
import {
  optional,
  parseJsonColumn,
  toIsoString,
} from '../../database/rowValues';
import { readEvidenceStamps } from './evidenceStamps';
import { readScoreInputsWatermark } from './scoreInputsWatermark';

/** One integration's newly computed scores, and what they were computed from. */
export type ScoresToSave = {
  integrationId: string;
  scores: { contract: ScoreExplanation; mock: ScoreExplanation };
  inputsKey?: string;
};

/** Each integration's current scores with their explanations, and a snapshot per day. */
export interface ScoreStore {
  /**
   * Replaces the current scores; the day's snapshot keeps the day's latest.
   * `inputsKey` names what they were computed from; when their values
   * differ from the ones before, the change is noted for the rollups.
   */
  saveScores(
    integrationId: string,
    scores: { contract: ScoreExplanation; mock: ScoreExplanation },
    computedAt: Date,
    inputsKey?: string,
  ): Promise<void>;
  /**
   * Daily snapshots recorded before the plugin ran (a demo's history); a
   * day the plugin computed itself is never replaced.
   */
  saveRecordedSnapshots(
    rows: {
      day: string;
      integrationId: string;
      contract?: number;
      mock?: number;
    }[],
  ): Promise<void>;
  /** `saveScores` for many integrations, in one transaction per hundred. */
  saveScoresMany(items: ScoresToSave[], computedAt: Date): Promise<void>;
  /** What each integration's current scores were computed from, where known. */
  getInputKeys(integrationIds: string[]): Promise<Map<string, string>>;
  /** A stamp of each integration's stored evidence and mocks that changes whenever they do. */
  evidenceStamps(integrationIds: string[]): Promise<Map<string, string>>;
  /** A stamp of all score inputs of all integrations (see readScoreInputsWatermark). */
  inputsWatermark(): Promise<string>;
  /** The integrations whose score values changed since `clearScoreChanges` last took them. */
  listScoreChanges(): Promise<{
    marks: string[];
    integrationIds: string[];
  }>;
  /** Forgets the changes `listScoreChanges` answered with these marks. */
  clearScoreChanges(marks: string[]): Promise<void>;
  getScores(integrationIds: string[]): Promise<Map<string, IntegrationScores>>;
  /** Daily values of one integration from `sinceDay` (YYYY-MM-DD), oldest first. */
  listSnapshots(
    integrationId: string,
    sinceDay: string,
  ): Promise<{ day: string; contract?: number; mock?: number }[]>;
}

const CHUNK = 500;
/** Integrations saved per transaction: five columns each, under SQLite's bound parameters. */
const SAVE_CHUNK = 100;

export class DatabaseScoreStore implements ScoreStore {
  constructor(private readonly db: Knex) {}

  async saveScores(
    integrationId: string,
    scores: { contract: ScoreExplanation; mock: ScoreExplanation },
    computedAt: Date,
    inputsKey?: string,
  ): Promise<void> {
    await this.saveScoresMany(
      [{ integrationId, scores, inputsKey }],
      computedAt,
    );
  }

  async saveRecordedSnapshots(
    rows: {
      day: string;
      integrationId: string;
      contract?: number;
      mock?: number;
    }[],
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += SAVE_CHUNK) {
      await this.db('score_snapshots')
        .insert(
          rows.slice(i, i + SAVE_CHUNK).map(r => ({
            day: r.day,
            integration_id: r.integrationId,
            contract: r.contract ?? null,
            mock: r.mock ?? null,
          })),
        )
        .onConflict(['day', 'integration_id'])
        .ignore();
    }
  }

  async saveScoresMany(items: ScoresToSave[], computedAt: Date): Promise<void> {
    const day = computedAt.toISOString().slice(0, 10);
    // One row per integration in a statement: the last scores given win.
    const unique = [
      ...new Map(items.map(item => [item.integrationId, item])).values(),
    ];
    const valueOf = (column: string | undefined) =>
      column === undefined
        ? null
        : parseJsonColumn<ScoreExplanation>(column, {} as any).value ?? null;
    for (let i = 0; i < unique.length; i += SAVE_CHUNK) {
      const chunk = unique.slice(i, i + SAVE_CHUNK);
      await this.db.transaction(async tx => {
        const before = new Map<string, { contract: string; mock: string }>();
        const rows: {
          integration_id: string;
          contract: string;
          mock: string;
        }[] = await tx('integration_scores')
          .whereIn(
            'integration_id',
            chunk.map(item => item.integrationId),
          )
          .select('integration_id', 'contract', 'mock');
        for (const row of rows) before.set(row.integration_id, row);
        // A change of value is noted for the rollups.
        const changed = chunk.filter(({ integrationId, scores }) => {
          const was = before.get(integrationId);
          return (
            !was ||
            valueOf(was.contract) !== (scores.contract.value ?? null) ||
            valueOf(was.mock) !== (scores.mock.value ?? null)
          );
        });
        if (changed.length > 0) {
          await tx('score_changes').insert(
            changed.map(item => ({ integration_id: item.integrationId })),
          );
        }
        await tx('integration_scores')
          .insert(
            chunk.map(({ integrationId, scores, inputsKey }) => ({
              integration_id: integrationId,
              contract: JSON.stringify(scores.contract),
              mock: JSON.stringify(scores.mock),
              computed_at: computedAt,
              inputs_key: inputsKey ?? null,
            })),
          )
          .onConflict('integration_id')
          .merge();
        // The day's snapshot holds the day's latest scores.
        await tx('score_snapshots')
          .insert(
            chunk.map(({ integrationId, scores }) => ({
              day,
              integration_id: integrationId,
              contract: scores.contract.value ?? null,
              mock: scores.mock.value ?? null,
            })),
          )
          .onConflict(['day', 'integration_id'])
          .merge();
      });
    }
  }

  async getInputKeys(integrationIds: string[]) {
    const keys = new Map<string, string>();
    for (let i = 0; i < integrationIds.length; i += CHUNK) {
      const rows: { integration_id: string; inputs_key: string | null }[] =
        await this.db('integration_scores')
          .whereIn('integration_id', integrationIds.slice(i, i + CHUNK))
          .whereNotNull('inputs_key')
          .select('integration_id', 'inputs_key');
      for (const row of rows) keys.set(row.integration_id, row.inputs_key!);
    }
    return keys;
  }

  evidenceStamps(integrationIds: string[]) {
    return readEvidenceStamps(this.db, integrationIds);
  }

  inputsWatermark() {
    return readScoreInputsWatermark(this.db);
  }

  async listScoreChanges() {
    const rows: { id: number | string; integration_id: string }[] =
      await this.db('score_changes').select('id', 'integration_id');
    return {
      marks: rows.map(r => String(r.id)),
      integrationIds: [...new Set(rows.map(r => r.integration_id))],
    };
  }

  async clearScoreChanges(marks: string[]) {
    for (let i = 0; i < marks.length; i += CHUNK) {
      await this.db('score_changes')
        .whereIn('id', marks.slice(i, i + CHUNK))
        .delete();
    }
  }

  async getScores(
    integrationIds: string[],
  ): Promise<Map<string, IntegrationScores>> {
    const result = new Map<string, IntegrationScores>();
    for (let i = 0; i < integrationIds.length; i += CHUNK) {
      const rows: {
        integration_id: string;
        contract: string;
        mock: string;
        computed_at: unknown;
      }[] = await this.db('integration_scores').whereIn(
        'integration_id',
        integrationIds.slice(i, i + CHUNK),
      );
      for (const row of rows) {
        result.set(row.integration_id, {
          contract: parseJsonColumn<ScoreExplanation>(row.contract, {} as any),
          mock: parseJsonColumn<ScoreExplanation>(row.mock, {} as any),
          computedAt: toIsoString(row.computed_at),
        });
      }
    }
    return result;
  }

  async listSnapshots(integrationId: string, sinceDay: string) {
    const rows: {
      day: string;
      contract: number | null;
      mock: number | null;
    }[] = await this.db('score_snapshots')
      .where('integration_id', integrationId)
      .andWhere('day', '>=', sinceDay)
      .orderBy('day', 'asc');
    return rows.map(r => ({
      day: r.day,
      contract: optional(r.contract),
      mock: optional(r.mock),
    }));
  }
}
