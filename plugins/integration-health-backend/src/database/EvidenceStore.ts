import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  ContractVerification,
  IntegrationScores,
  ScoreExplanation,
} from '@integration-health/plugin-integration-health-common';
import { Knex } from 'knex';
import { migrateDatabase } from './migrateDatabase';
import { optional, parseJsonColumn, toIsoString } from './rowValues';

export interface EvidenceStore {
  /** Records a verification; the same one again is kept once (false). */
  addVerification(
    integrationId: string,
    verification: ContractVerification,
    receivedAt: Date,
  ): Promise<boolean>;
  /** The newest verification per source and environment of one integration. */
  latestVerifications(integrationId: string): Promise<ContractVerification[]>;
  saveScores(
    integrationId: string,
    scores: { contract: ScoreExplanation; mock: ScoreExplanation },
    computedAt: Date,
  ): Promise<void>;
  getScores(integrationIds: string[]): Promise<Map<string, IntegrationScores>>;
  /** Integrations with any evidence; the others' scores are unknown. */
  integrationIdsWithEvidence(): Promise<string[]>;
  /** Daily values of one integration from `sinceDay` (YYYY-MM-DD), oldest first. */
  listSnapshots(
    integrationId: string,
    sinceDay: string,
  ): Promise<{ day: string; contract?: number; mock?: number }[]>;
}

type VerificationRow = {
  source: string;
  result: string;
  provider_version: string;
  consumer_version: string | null;
  environment: string | null;
  verified_at: unknown;
  url: string | null;
  note: string | null;
  provider_in_production: boolean | number;
};

const CHUNK = 500;

export class DatabaseEvidenceStore implements EvidenceStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseEvidenceStore> {
    return new DatabaseEvidenceStore(await migrateDatabase(options.database));
  }

  constructor(private readonly db: Knex) {}

  async addVerification(
    integrationId: string,
    verification: ContractVerification,
    receivedAt: Date,
  ): Promise<boolean> {
    const verifiedAt = new Date(verification.verifiedAt);
    const known = await this.db('contract_verifications')
      .where({
        integration_id: integrationId,
        source: verification.source,
        provider_version: verification.providerVersion,
        result: verification.result,
      })
      .andWhere('verified_at', verifiedAt)
      .andWhere(query =>
        verification.environment
          ? query.where('environment', verification.environment)
          : query.whereNull('environment'),
      )
      .first('id');
    if (known) {
      return false;
    }
    await this.db('contract_verifications').insert({
      integration_id: integrationId,
      source: verification.source,
      result: verification.result,
      provider_version: verification.providerVersion,
      consumer_version: verification.consumerVersion ?? null,
      environment: verification.environment ?? null,
      verified_at: verifiedAt,
      url: verification.url ?? null,
      note: verification.note ?? null,
      provider_in_production: verification.providerInProduction ?? false,
      received_at: receivedAt,
    });
    return true;
  }

  async latestVerifications(
    integrationId: string,
  ): Promise<ContractVerification[]> {
    const rows: VerificationRow[] = await this.db('contract_verifications')
      .where('integration_id', integrationId)
      .orderBy('verified_at', 'desc')
      .limit(100);
    const bySource = new Map<string, ContractVerification>();
    for (const row of rows) {
      const key = `${row.source}\u0000${row.environment ?? ''}`;
      if (!bySource.has(key)) {
        bySource.set(key, {
          source: row.source,
          result: row.result as ContractVerification['result'],
          providerVersion: row.provider_version,
          consumerVersion: optional(row.consumer_version),
          environment: optional(row.environment),
          verifiedAt: toIsoString(row.verified_at),
          url: optional(row.url),
          note: optional(row.note),
          ...(row.provider_in_production ? { providerInProduction: true } : {}),
        });
      }
    }
    return [...bySource.values()];
  }

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

  async integrationIdsWithEvidence(): Promise<string[]> {
    const rows: { integration_id: string }[] = await this.db(
      'contract_verifications',
    ).distinct('integration_id');
    return rows.map(r => r.integration_id);
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
