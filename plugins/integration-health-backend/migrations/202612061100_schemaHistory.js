// @ts-check

/**
 * Database migrations as changes to an integration (issue: migrations): each
 * database resource's migrations with their classified changes, the queries
 * each consumer declares against it, the latest check of a candidate
 * migration, and which consumers a migration's calendar entry reaches.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('schema_migrations', table => {
    table.comment('Migrations of database resources, oldest first');
    table.string('resource_ref', 255).notNullable();
    table.string('migration_id', 255).notNullable();
    table.integer('position').notNullable();
    table.text('sql').notNullable();
    table.string('sql_hash', 64).notNullable();
    table
      .string('origin', 16)
      .notNullable()
      .comment('catalog, pushed, recorded');
    table
      .text('classification')
      .nullable()
      .comment('JSON: findings and summary; null when it could not be read');
    table.text('error').nullable();
    table.string('calendar_entry_id', 64).nullable();
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table.primary(['resource_ref', 'migration_id']);
  });
  await knex.schema.createTable('schema_sources', table => {
    table.comment('The last read of the migrations of each resource');
    table.string('resource_ref', 255).primary();
    table.timestamp('read_at', { useTz: true }).notNullable();
    table.text('error').nullable();
  });
  await knex.schema.createTable('consumer_queries', table => {
    table.comment('Queries a consumer declares against a database resource');
    table.string('consumer_ref', 255).notNullable();
    table.string('resource_ref', 255).notNullable();
    table.string('name', 255).notNullable();
    table.text('sql').notNullable();
    table.primary(['consumer_ref', 'resource_ref', 'name']);
    table.index(['resource_ref'], 'consumer_queries_resource_idx');
  });
  await knex.schema.createTable('migration_checks', table => {
    table.comment('The latest check of a candidate migration per resource');
    table.string('resource_ref', 255).primary();
    table.text('result').notNullable().comment('JSON MigrationCheckResult');
  });
  await knex.schema.alterTable('calendar_entries', table => {
    table
      .text('reached_consumer_refs')
      .nullable()
      .comment(
        'JSON: the consumers a migration reaches (its dry run); null: as for APIs',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('calendar_entries', table => {
    table.dropColumn('reached_consumer_refs');
  });
  await knex.schema.dropTable('migration_checks');
  await knex.schema.dropTable('consumer_queries');
  await knex.schema.dropTable('schema_sources');
  await knex.schema.dropTable('schema_migrations');
};
