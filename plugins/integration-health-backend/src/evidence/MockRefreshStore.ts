import { Knex } from 'knex';

const TABLE = 'mock_refresh_notifications';

/** Which consumers were told their mocks no longer match a spec version. */
export interface MockRefreshStore {
  /** Records that the consumer of an integration is told about a version; false when it was already. */
  markNotified(
    integrationId: string,
    specVersionId: string,
    at: Date,
  ): Promise<boolean>;
  unmarkNotified(integrationId: string, specVersionId: string): Promise<void>;
  /** Which of these were recorded as told, as `integrationId\nspecVersionId`. */
  notifiedAmong(
    pairs: { integrationId: string; specVersionId: string }[],
  ): Promise<Set<string>>;
}

const CHUNK = 500;

export class DatabaseMockRefreshStore implements MockRefreshStore {
  constructor(private readonly db: Knex) {}

  async markNotified(integrationId: string, specVersionId: string, at: Date) {
    const inserted = await this.db(TABLE)
      .insert({
        integration_id: integrationId,
        spec_version_id: specVersionId,
        sent_at: at,
      })
      .onConflict(['integration_id', 'spec_version_id'])
      .ignore()
      .returning('integration_id');
    return inserted.length > 0;
  }

  async notifiedAmong(
    pairs: { integrationId: string; specVersionId: string }[],
  ): Promise<Set<string>> {
    const wanted = new Set(
      pairs.map(p => `${p.integrationId}\n${p.specVersionId}`),
    );
    const found = new Set<string>();
    const ids = [...new Set(pairs.map(p => p.integrationId))];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows: { integration_id: string; spec_version_id: string }[] =
        await this.db(TABLE)
          .whereIn('integration_id', ids.slice(i, i + CHUNK))
          .select('integration_id', 'spec_version_id');
      for (const row of rows) {
        const key = `${row.integration_id}\n${row.spec_version_id}`;
        if (wanted.has(key)) found.add(key);
      }
    }
    return found;
  }

  async unmarkNotified(integrationId: string, specVersionId: string) {
    await this.db(TABLE)
      .where({ integration_id: integrationId, spec_version_id: specVersionId })
      .delete();
  }
}
