import { MockDocument } from '@integration-health/plugin-integration-health-node';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
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
  /** The mocks of many integrations, read in a few queries. */
  listMocksOf(
    integrationIds: string[],
  ): Promise<Map<string, StoredMockDocument[]>>;
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

/** The hash a document is stored with: of everything stored about it. */
export function documentHash(row: {
  name: string;
  format: string;
  content: string;
  url: string | null;
  made_from_version: string | null;
}): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        row.name,
        row.format,
        row.url,
        row.made_from_version,
        row.content,
      ]),
    )
    .digest('hex');
}

/**
 * The hashes of a source's stored documents per integration, in order,
 * joined (of the given integrations, or of all). A document stored without
 * a hash makes its integration's entry one no new answer equals.
 */
async function storedHashes(
  tx: Knex.Transaction,
  source: string,
  integrationIds: string[] | undefined,
): Promise<Map<string, string>> {
  const rows: { integration_id: string; content_hash: string | null }[] = [];
  const read = (ids?: string[]) => {
    const query = tx('mock_documents')
      .where('source', source)
      .orderBy([{ column: 'integration_id' }, { column: 'id' }])
      .select('integration_id', 'content_hash');
    return ids ? query.whereIn('integration_id', ids) : query;
  };
  if (!integrationIds) rows.push(...(await read()));
  for (let i = 0; integrationIds && i < integrationIds.length; i += CHUNK) {
    rows.push(...(await read(integrationIds.slice(i, i + CHUNK))));
  }
  const hashes = new Map<string, string[]>();
  for (const row of rows) {
    const list = hashes.get(row.integration_id) ?? [];
    list.push(row.content_hash ?? 'unknown');
    hashes.set(row.integration_id, list);
  }
  return new Map([...hashes].map(([id, list]) => [id, list.join(' ')]));
}

export class DatabaseMockStore implements MockStore {
  constructor(private readonly db: Knex) {}

  async replaceMocks(
    source: string,
    mocks: IntegrationMocks[],
    options: { removeOthers: boolean; collectedAt: Date },
  ): Promise<void> {
    const rowsOf = ({ integrationId, documents }: IntegrationMocks) =>
      documents.map(document => {
        const row = {
          integration_id: integrationId,
          source,
          name: document.name,
          format: document.format,
          content: JSON.stringify(document.content ?? null),
          url: document.url ?? null,
          made_from_version: document.madeFromVersion ?? null,
        };
        return { ...row, content_hash: documentHash(row) };
      });
    await this.db.transaction(async tx => {
      // Two replacements of one source at once would each delete what was
      // there before and both insert: they take turns instead.
      await lockForTransaction(tx, `mocks:${source}`);
      const stored = await storedHashes(
        tx,
        source,
        options.removeOthers ? undefined : mocks.map(m => m.integrationId),
      );
      // An integration whose documents hash as before is left as it is.
      const changed: IntegrationMocks[] = [];
      const newRows: ReturnType<typeof rowsOf> = [];
      for (const integrationMocks of mocks) {
        const rows = rowsOf(integrationMocks);
        const before = stored.get(integrationMocks.integrationId);
        stored.delete(integrationMocks.integrationId);
        if (before === rows.map(r => r.content_hash).join(' ')) continue;
        changed.push(integrationMocks);
        newRows.push(...rows);
      }
      // With removeOthers, what is left in `stored` the source no longer gave.
      const gone = [
        ...changed.map(m => m.integrationId),
        ...(options.removeOthers ? stored.keys() : []),
      ];
      for (let i = 0; i < gone.length; i += CHUNK) {
        await tx('mock_documents')
          .where('source', source)
          .whereIn('integration_id', gone.slice(i, i + CHUNK))
          .delete();
      }
      for (let i = 0; i < newRows.length; i += 100) {
        await tx('mock_documents').insert(
          newRows
            .slice(i, i + 100)
            .map(row => ({ ...row, collected_at: options.collectedAt })),
        );
      }
    });
  }

  async listMocks(integrationId: string): Promise<StoredMockDocument[]> {
    return (await this.listMocksOf([integrationId])).get(integrationId) ?? [];
  }

  async listMocksOf(
    integrationIds: string[],
  ): Promise<Map<string, StoredMockDocument[]>> {
    const found = new Map<string, StoredMockDocument[]>();
    for (let i = 0; i < integrationIds.length; i += CHUNK) {
      const rows: (MockRow & { integration_id: string })[] = await this.db(
        'mock_documents',
      )
        .whereIn('integration_id', integrationIds.slice(i, i + CHUNK))
        .orderBy([{ column: 'integration_id' }, { column: 'id' }]);
      for (const row of rows) {
        const list = found.get(row.integration_id) ?? [];
        list.push({
          source: row.source,
          document: {
            name: row.name,
            format: row.format as MockDocument['format'],
            content: parseJsonColumn<unknown>(row.content, null),
            url: optional(row.url),
            madeFromVersion: optional(row.made_from_version),
          },
        });
        found.set(row.integration_id, list);
      }
    }
    return found;
  }

  async integrationIdsWithMocks(): Promise<string[]> {
    const rows: { integration_id: string }[] = await this.db(
      'mock_documents',
    ).distinct('integration_id');
    return rows.map(r => r.integration_id);
  }
}
