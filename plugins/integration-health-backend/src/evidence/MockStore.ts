import { MockDocument } from '@integration-health/plugin-integration-health-node';
import { Knex } from 'knex';
import { optional, parseJsonColumn } from '../database/rowValues';
import { lockForTransaction } from '../database/transactionLock';

/** All mocks one source gave for one integration. */
export type IntegrationMocks = {
  integrationId: string;
  documents: MockDocument[];
};

export type StoredMockDocument = { source: string; document: MockDocument };

export interface MockStore {
  /**
   * Replaces the source's mocks of the given integrations. With
   * `removeOthers`, the source's mocks of every other integration go (the
   * source answered in full); without it they stay.
   */
  replaceMocks(
    source: string,
    mocks: IntegrationMocks[],
    options: { removeOthers: boolean; collectedAt: Date },
  ): Promise<void>;
  listMocks(integrationId: string): Promise<StoredMockDocument[]>;
  integrationIdsWithMocks(): Promise<string[]>;
}

type MockRow = {
  source: string;
  name: string;
  format: string;
  content: string;
  url: string | null;
  made_from_version: string | null;
};

const CHUNK = 500;

export class DatabaseMockStore implements MockStore {
  constructor(private readonly db: Knex) {}

  async replaceMocks(
    source: string,
    mocks: IntegrationMocks[],
    options: { removeOthers: boolean; collectedAt: Date },
  ): Promise<void> {
    await this.db.transaction(async tx => {
      // Two replacements of one source at once would each delete what was
      // there before and both insert: they take turns instead.
      await lockForTransaction(tx, `mocks:${source}`);
      if (options.removeOthers) {
        await tx('mock_documents').where('source', source).delete();
      } else {
        const ids = mocks.map(m => m.integrationId);
        for (let i = 0; i < ids.length; i += CHUNK) {
          await tx('mock_documents')
            .where('source', source)
            .whereIn('integration_id', ids.slice(i, i + CHUNK))
            .delete();
        }
      }
      const rows = mocks.flatMap(({ integrationId, documents }) =>
        documents.map(document => ({
          integration_id: integrationId,
          source,
          name: document.name,
          format: document.format,
          content: JSON.stringify(document.content ?? null),
          url: document.url ?? null,
          made_from_version: document.madeFromVersion ?? null,
          collected_at: options.collectedAt,
        })),
      );
      for (let i = 0; i < rows.length; i += 100) {
        await tx('mock_documents').insert(rows.slice(i, i + 100));
      }
    });
  }

  async listMocks(integrationId: string): Promise<StoredMockDocument[]> {
    const rows: MockRow[] = await this.db('mock_documents')
      .where('integration_id', integrationId)
      .orderBy('id');
    return rows.map(row => ({
      source: row.source,
      document: {
        name: row.name,
        format: row.format as MockDocument['format'],
        content: parseJsonColumn<unknown>(row.content, null),
        url: optional(row.url),
        madeFromVersion: optional(row.made_from_version),
      },
    }));
  }

  async integrationIdsWithMocks(): Promise<string[]> {
    const rows: { integration_id: string }[] = await this.db(
      'mock_documents',
    ).distinct('integration_id');
    return rows.map(r => r.integration_id);
  }
}
