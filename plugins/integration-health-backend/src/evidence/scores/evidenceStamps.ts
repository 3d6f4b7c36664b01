import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { documentHash } from '../MockStore';

const CHUNK = 500;

/**
 * A stamp of each integration's stored verifications and mock documents
 * that changes whenever they do. Verifications are only ever added, so
 * their count and highest id do; mock documents are replaced when they
 * change, so theirs is a hash of what they say (stored with them).
 * Integrations with neither are left out.
 */
export async function readEvidenceStamps(
  db: Knex,
  integrationIds: string[],
): Promise<Map<string, string>> {
  const parts = new Map<string, ReturnType<typeof createHash>>();
  const hashOf = (id: string) => {
    if (!parts.has(id)) parts.set(id, createHash('sha256'));
    return parts.get(id)!;
  };
  for (let i = 0; i < integrationIds.length; i += CHUNK) {
    const chunk = integrationIds.slice(i, i + CHUNK);
    const verified: {
      integration_id: string;
      n: number | string;
      last: number | string;
    }[] = await db('contract_verifications')
      .whereIn('integration_id', chunk)
      .groupBy('integration_id')
      .select('integration_id')
      .count({ n: '*' })
      .max({ last: 'id' });
    for (const row of verified) {
      hashOf(row.integration_id).update(
        `verifications ${Number(row.n)} ${Number(row.last)}\n`,
      );
    }
    // A document's stored hash stands for it; only documents stored before
    // hashes were are read in full.
    const mocks: {
      integration_id: string;
      source: string;
      content_hash: string | null;
      name: string;
      format: string;
      content: string | null;
      url: string | null;
      made_from_version: string | null;
    }[] = await db('mock_documents')
      .whereIn('integration_id', chunk)
      .orderBy([{ column: 'integration_id' }, { column: 'id' }])
      .select(
        'integration_id',
        'source',
        'content_hash',
        'name',
        'format',
        db.raw(
          'CASE WHEN content_hash IS NULL THEN content ELSE NULL END AS content',
        ),
        'url',
        'made_from_version',
      );
    for (const row of mocks) {
      const hash =
        row.content_hash ??
        documentHash({ ...row, content: row.content ?? 'null' });
      hashOf(row.integration_id).update(`mock ${row.source} ${hash}\n`);
    }
  }
  return new Map([...parts].map(([id, hash]) => [id, hash.digest('hex')]));
}
