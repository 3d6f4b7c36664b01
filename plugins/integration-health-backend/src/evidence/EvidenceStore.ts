import { ContractVerification } from '@integration-health/plugin-integration-health-common';
import { Knex } from 'knex';
import { optional, toIsoString } from '../database/rowValues';

/** Contract verifications of each integration, from every source. */
export interface EvidenceStore {
  /** Records a verification; the same one again is kept once (false). */
  addVerification(
    integrationId: string,
    verification: ContractVerification,
    receivedAt: Date,
  ): Promise<boolean>;
  /**
   * Records many verifications in a few statements; those already recorded
   * are kept once. Answers how many were new.
   */
  addVerifications(
    items: { integrationId: string; verification: ContractVerification }[],
    receivedAt: Date,
  ): Promise<number>;
  /** The newest verification per source and environment of one integration. */
  latestVerifications(integrationId: string): Promise<ContractVerification[]>;
  /** The same for many integrations, read in a few queries. */
  latestVerificationsOf(
    integrationIds: string[],
  ): Promise<Map<string, ContractVerification[]>>;
  /** Integrations with any evidence; the others' scores are unknown. */
  integrationIdsWithEvidence(): Promise<string[]>;
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

/** The columns of the unique index verifications_once_uq. */
const VERIFICATION_IDENTITY = (db: Knex) =>
  db.raw(
    "(integration_id, source, provider_version, result, verified_at, (COALESCE(environment, '')))",
  );

/** Rows per insert: 11 columns each, well under SQLite's bound parameters. */
const INSERT_CHUNK = 100;
/** Integrations per read. */
const READ_CHUNK = 500;

export class DatabaseEvidenceStore implements EvidenceStore {
  constructor(private readonly db: Knex) {}

  async addVerification(
    integrationId: string,
    verification: ContractVerification,
    receivedAt: Date,
  ): Promise<boolean> {
    return (
      (await this.addVerifications(
        [{ integrationId, verification }],
        receivedAt,
      )) > 0
    );
  }

  async addVerifications(
    items: { integrationId: string; verification: ContractVerification }[],
    receivedAt: Date,
  ): Promise<number> {
    let added = 0;
    for (let i = 0; i < items.length; i += INSERT_CHUNK) {
      // A unique index (with NULL environments equal) keeps concurrent
      // reports of the same verification to one row.
      const inserted: unknown[] = await this.db('contract_verifications')
        .insert(
          items
            .slice(i, i + INSERT_CHUNK)
            .map(({ integrationId, verification }) => ({
              integration_id: integrationId,
              source: verification.source,
              result: verification.result,
              provider_version: verification.providerVersion,
              consumer_version: verification.consumerVersion ?? null,
              environment: verification.environment ?? null,
              verified_at: new Date(verification.verifiedAt),
              url: verification.url ?? null,
              note: verification.note ?? null,
              provider_in_production:
                verification.providerInProduction ?? false,
              received_at: receivedAt,
            })),
        )
        .onConflict(VERIFICATION_IDENTITY(this.db))
        .ignore()
        .returning('id');
      added += inserted.length;
    }
    return added;
  }

  async latestVerifications(
    integrationId: string,
  ): Promise<ContractVerification[]> {
    return (
      (await this.latestVerificationsOf([integrationId])).get(integrationId) ??
      []
    );
  }

  async latestVerificationsOf(
    integrationIds: string[],
  ): Promise<Map<string, ContractVerification[]>> {
    const found = new Map<string, ContractVerification[]>();
    for (let i = 0; i < integrationIds.length; i += READ_CHUNK) {
      // The newest row of each integration, source and environment.
      const ranked = this.db('contract_verifications')
        .whereIn('integration_id', integrationIds.slice(i, i + READ_CHUNK))
        .select(
          '*',
          this.db.raw(
            "ROW_NUMBER() OVER (PARTITION BY integration_id, source, COALESCE(environment, '') ORDER BY verified_at DESC, id DESC) AS newest",
          ),
        )
        .as('ranked');
      const rows: (VerificationRow & { integration_id: string })[] =
        await this.db
          .from(ranked)
          .where('newest', 1)
          .orderBy([
            { column: 'integration_id' },
            { column: 'verified_at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ]);
      for (const row of rows) {
        const list = found.get(row.integration_id) ?? [];
        list.push({
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
        found.set(row.integration_id, list);
      }
    }
    return found;
  }

  async integrationIdsWithEvidence(): Promise<string[]> {
    const rows: { integration_id: string }[] = await this.db(
      'contract_verifications',
    ).distinct('integration_id');
    return rows.map(r => r.integration_id);
  }
}
