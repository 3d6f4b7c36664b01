import { Knex } from 'knex';
import { toOptionalIsoString } from '../database/rowValues';

/** Whether telemetry saw traffic on a declared integration, and when last. */
export type IntegrationTraffic = { seen: boolean; lastSeenAt?: string };

const TABLE = 'integration_traffic';
const CHUNK = 500;

/**
 * Whether telemetry saw traffic on each declared integration it can see
 * (both sides named in telemetry, one of them seen), as of the last full
 * sync; integrations telemetry cannot see have no row.
 */
export class IntegrationTrafficStore {
  constructor(private readonly db: Knex) {}

  async replaceAll(traffic: Map<string, IntegrationTraffic>): Promise<void> {
    const rows = [...traffic].map(([id, t]) => ({
      integration_id: id,
      seen: t.seen,
      last_seen_at: t.lastSeenAt ? new Date(t.lastSeenAt) : null,
    }));
    await this.db.transaction(async tx => {
      await tx(TABLE).delete();
      for (let i = 0; i < rows.length; i += CHUNK) {
        await tx(TABLE).insert(rows.slice(i, i + CHUNK));
      }
    });
  }

  async trafficOf(
    integrationIds: string[],
  ): Promise<Map<string, IntegrationTraffic>> {
    const found = new Map<string, IntegrationTraffic>();
    for (let i = 0; i < integrationIds.length; i += CHUNK) {
      const rows: {
        integration_id: string;
        seen: boolean | number;
        last_seen_at: unknown;
      }[] = await this.db(TABLE).whereIn(
        'integration_id',
        integrationIds.slice(i, i + CHUNK),
      );
      for (const row of rows) {
        const lastSeenAt = toOptionalIsoString(row.last_seen_at);
        found.set(row.integration_id, {
          seen: Boolean(row.seen),
          ...(lastSeenAt ? { lastSeenAt } : {}),
        });
      }
    }
    return found;
  }
}
