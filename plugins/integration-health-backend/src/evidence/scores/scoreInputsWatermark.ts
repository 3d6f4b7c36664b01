import { Knex } from 'knex';

/**
 * A stamp of everything scores are computed from, across all integrations,
 * read in five aggregate queries: it moves whenever a verification is
 * recorded, a mock document is stored or removed, a spec version is
 * recorded, or an integration appears, goes or comes back, whoever wrote it
 * (a sync, a pipeline's push, another replica). Equal stamps mean scores
 * computed at the first would be computed again the same at the second, on
 * the same day and with the same configuration.
 */
export async function readScoreInputsWatermark(db: Knex): Promise<string> {
  const rows = await Promise.all([
    db('contract_verifications').count({ n: '*' }).max({ last: 'id' }).first(),
    db('mock_documents').count({ n: '*' }).max({ last: 'id' }).first(),
    db('spec_versions').count({ n: '*' }).max({ last: 'observed_at' }).first(),
    db('integrations')
      .whereNull('gone_at')
      .count({ n: '*' })
      .max({ last: 'first_seen_at' })
      .first(),
    db('integrations')
      .whereNotNull('gone_at')
      .count({ n: '*' })
      .max({ last: 'gone_at' })
      .first(),
  ]);
  const stamp = (row: { n?: unknown; last?: unknown } | undefined) =>
    `${Number(row?.n ?? 0)}:${
      row?.last instanceof Date
        ? row.last.toISOString()
        : String(row?.last ?? '')
    }`;
  return rows.map(stamp).join(' ');
}
