// @ts-check

/**
 * Concurrent writers (two syncs, a sync and a pipeline, two replicas) each
 * check "is this known?" and then insert; the database now decides instead.
 * An API has one version per definition (content hash) following a given
 * version: two writers that saw the same current version and the same new
 * content record it once, while a definition that goes back to earlier
 * content is a version of its own (with the changes that brought it back).
 * A verification is recorded once per integration, source, provider
 * version, result, time and environment. Duplicates earlier races left are
 * merged first: the earliest copy stays and what pointed at a later copy
 * points at it; the first verification of each kind stays.
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
  /** @type {Map<string, string>} merged copy → the version kept for it */
  const mergedInto = new Map();
  const previousOf = new Map(
    (
      await knex('spec_versions').select('id', 'previous_version_id')
    ).map(row => [row.id, row.previous_version_id]),
  );
  for (const version of versions) {
    const previous = previousOf.get(version.id);
    const key = `${version.api_ref}\n${version.content_hash}\n${
      (previous && mergedInto.get(previous)) ?? previous ?? ''
    }`;
    const keep = kept.get(key);
    if (!keep) {
      kept.set(key, version.id);
      continue;
    }
    mergedInto.set(version.id, keep);
    await knex('spec_versions')
      .where({ previous_version_id: version.id })
      .update({ previous_version_id: keep });
    await knex('api_specs')
      .where({ current_version_id: version.id })
      .update({ current_version_id: keep });
    await knex('spec_changes').where({ version_id: version.id }).delete();
    await knex('spec_versions').where({ id: version.id }).delete();
  }
  // The first version of an API has no predecessor: NULLs must collide too.
  await knex.raw(`
    CREATE UNIQUE INDEX spec_versions_api_hash_uq ON spec_versions
      (api_ref, content_hash, (COALESCE(previous_version_id, '')))`);

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
  await knex.raw('DROP INDEX spec_versions_api_hash_uq');
};
