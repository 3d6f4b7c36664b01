// @ts-check

/**
 * Spec history: every distinct definition of an API entity, the classified
 * changes between consecutive ones, and the last definition seen per API.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('spec_versions', table => {
    table.comment('Each distinct definition an API entity has had');
    table.string('id', 36).primary();
    table.string('api_ref').notNullable();
    table.string('content_hash', 64).notNullable();
    table.string('format', 32).nullable();
    table
      .string('version_label')
      .nullable()
      .comment('info.version of the document');
    table.text('definition', 'longtext').notNullable();
    table.timestamp('observed_at', { useTz: true }).notNullable();
    table
      .string('source', 16)
      .notNullable()
      .comment('catalog: seen by the sync; seed: recorded by a history module');
    table.string('previous_version_id', 36).nullable();
    table.text('error').nullable().comment('why it could not be diffed');
    table.index(['api_ref', 'observed_at'], 'spec_versions_api_idx');
  });

  await knex.schema.createTable('spec_changes', table => {
    table.comment('Classified differences between consecutive spec versions');
    table.bigIncrements('id').primary();
    table.string('api_ref').notNullable();
    table
      .string('version_id', 36)
      .notNullable()
      .references('id')
      .inTable('spec_versions')
      .onDelete('CASCADE');
    table.string('rule_id', 128).notNullable();
    table.string('level', 16).notNullable();
    table.string('location', 1024).notNullable();
    table.text('pointer').notNullable();
    table.text('message').notNullable();
    table.string('fingerprint', 64).notNullable();
    table.string('sunset', 10).nullable();
    table.index(['version_id'], 'spec_changes_version_idx');
    table.index(['api_ref', 'level'], 'spec_changes_api_level_idx');
  });

  await knex.schema.createTable('api_specs', table => {
    table.comment('The definition the catalog served last, per API entity');
    table.string('api_ref').primary();
    table.string('entity_etag').nullable();
    table.string('current_version_id', 36).nullable();
    table.string('current_hash', 64).nullable();
    table.timestamp('checked_at', { useTz: true }).notNullable();
    table.timestamp('gone_at', { useTz: true }).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('api_specs');
  await knex.schema.dropTable('spec_changes');
  await knex.schema.dropTable('spec_versions');
};
