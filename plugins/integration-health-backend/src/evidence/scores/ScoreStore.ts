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

/** Each integration's current scores with their explanations, and a snapshot per day. */
export interface ScoreStore {
  /** Replaces the current scores; the day's snapshot keeps the day's latest. */
  saveScores(
    integrationId: string,
    scores: { contract: ScoreExplanation; mock: ScoreExplanation },
    computedAt: Date,
  ): Promise<void>;
  getScores(integrationIds: string[]): Promise<Map<string, IntegrationScores>>;
  /** Daily values of one integration from `sinceDay` (YYYY-MM-DD), oldest first. */
  listSnapshots(
    integrationId: string,
    sinceDay: string,
  ): Promise<{ day: string; contract?: number; mock?: number }[]>;
}

const CHUNK = 500;

export class DatabaseScoreStore implements ScoreStore {
  constructor(private readonly db: Knex) {}

  async saveScores(
    integrationId: string,
    scores: { contract: ScoreExplanation; mock: ScoreExplanation },
    computedAt: Date,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('integration_scores')
        .insert({
          integration_id: integrationId,
          contract: JSON.stringify(scores.contract),
          mock: JSON.stringify(scores.mock),
          computed_at: computedAt,
        })
        .onConflict('integration_id')
        .merge();
      // The day's snapshot holds the day's latest scores.
      await tx('score_snapshots')
        .insert({
          day: computedAt.toISOString().slice(0, 10),
          integration_id: integrationId,
          contract: scores.contract.value ?? null,
          mock: scores.mock.value ?? null,
        })
        .onConflict(['day', 'integration_id'])
        .merge();
    });
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
