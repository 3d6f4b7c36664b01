// @ts-check

/**
 * Concurrent writers (two syncs, a sync and a pipeline, two replicas) each
 * check "is this known?" and then insert; the database now decides instead.
 * An API has one version per distinct definition (content hash), and a
 * verification is recorded once per integration, source, provider version,
 * result, time and environment. Duplicates earlier races left are merged
 * first: the earliest spec version of a content stays and what pointed at a
 * later copy points at it; the first verification of each kind stays.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const versions = await knex('spec_versions')
    .select('id', 'api_ref', 'content_hash', 'observed_at')
    .orderBy([
      { column: 'observed_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
  const kept = new Map();
  for (const version of versions) {
    const key = `${version.api_ref}\n${version.content_hash}`;
    const keep = kept.get(key);
    if (!keep) {
      kept.set(key, version.id);
      continue;
    }
    await knex('spec_versions')
      .where({ previous_version_id: version.id })
      .update({ previous_version_id: keep });
    await knex('api_specs')
      .where({ current_version_id: version.id })
      .update({ current_version_id: keep });
    await knex('spec_changes').where({ version_id: version.id }).delete();
    await knex('spec_versions').where({ id: version.id }).delete();
  }
  await knex.schema.alterTable('spec_versions', table => {
    table.unique(['api_ref', 'content_hash'], {
      indexName: 'spec_versions_api_hash_uq',
    });
  });

  // NULL environments must collide too, which a plain unique index (NULLs
  // distinct) would not do: the index is on coalesce(environment, '').
  await knex.raw(`
    DELETE FROM contract_verifications WHERE id NOT IN (
      SELECT MIN(id) FROM contract_verifications
      GROUP BY integration_id, source, provider_version, result, verified_at,
        COALESCE(environment, '')
    )`);
  await knex.raw(`
    CREATE UNIQUE INDEX verifications_once_uq ON contract_verifications
      (integration_id, source, provider_version, result, verified_at,
       (COALESCE(environment, '')))`);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX verifications_once_uq');
  await knex.schema.alterTable('spec_versions', table => {
    table.dropUnique(['api_ref', 'content_hash'], 'spec_versions_api_hash_uq');
  });
};
