import { createHash } from 'node:crypto';
import { Knex } from 'knex';

const CHUNK = 500;

/**
 * A stamp of each integration's stored verifications and mock documents
 * that changes whenever they do. Verifications are only ever added, so
 * their count and highest id do; mock documents are replaced on every
 * collection, so theirs is a hash of what they say. Integrations with
 * neither are left out.
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
    const mocks: {
      integration_id: string;
      source: string;
      name: string;
      format: string;
      content: string;
      url: string | null;
      made_from_version: string | null;
    }[] = await db('mock_documents')
      .whereIn('integration_id', chunk)
      .orderBy([{ column: 'integration_id' }, { column: 'id' }])
      .select(
        'integration_id',
        'source',
        'name',
        'format',
        'content',
        'url',
        'made_from_version',
      );
    for (const row of mocks) {
      hashOf(row.integration_id).update(
        `${JSON.stringify([
          row.source,
          row.name,
          row.format,
          row.url,
          row.made_from_version,
          row.content,
        ])}\n`,
      );
    }
  }
  return new Map([...parts].map(([id, hash]) => [id, hash.digest('hex')]));
}
