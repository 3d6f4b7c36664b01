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
}

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

  async unmarkNotified(integrationId: string, specVersionId: string) {
    await this.db(TABLE)
      .where({ integration_id: integrationId, spec_version_id: specVersionId })
      .delete();
  }
}
