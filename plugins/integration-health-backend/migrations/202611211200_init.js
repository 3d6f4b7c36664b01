// @ts-check

/**
 * Integrations (consumer → provider edges) and the runs of the sync job that
 * record them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('integrations', table => {
    table.comment('Directed consumer → provider edges found in the catalog');
    table
      .string('id', 64)
      .primary()
      .comment('sha256 of consumer, provider and API refs');
    table.string('consumer_ref').notNullable();
    table.string('provider_ref').notNullable();
    table.string('api_ref').nullable();
    table.string('kind', 32).notNullable();
    table.text('sources').notNullable().comment('JSON array of relation types');
    table.string('consumer_owner_ref').nullable();
    table.string('provider_owner_ref').nullable();
    table.string('accountable_owner_ref').nullable();
    table.string('accountable_owner_source', 32).nullable();
    table.text('findings').notNullable().comment('JSON array of findings');
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table
      .timestamp('gone_at', { useTz: true })
      .nullable()
      .comment('Set when a sync no longer finds the edge; rows are kept');
    table.index(['consumer_ref'], 'integrations_consumer_idx');
    table.index(['provider_ref'], 'integrations_provider_idx');
    table.index(['api_ref'], 'integrations_api_idx');
  });

  await knex.schema.createTable('sync_runs', table => {
    table.comment('One row per run of the catalog sync job');
    table.string('id', 36).primary();
    table.string('status', 16).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.text('counts').nullable().comment('JSON object of counters');
    table.text('error').nullable();
    table.index(['started_at'], 'sync_runs_started_idx');
  });

  await knex.schema.createTable('sync_run_errors', table => {
    table.comment('Errors the sync job met on single entities');
    table.bigIncrements('id').primary();
    table
      .string('run_id', 36)
      .notNullable()
      .references('id')
      .inTable('sync_runs')
      .onDelete('CASCADE');
    table.string('entity_ref').notNullable();
    table.string('code', 64).notNullable();
    table.text('message').notNullable();
    table.index(['run_id'], 'sync_run_errors_run_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sync_run_errors');
  await knex.schema.dropTable('sync_runs');
  await knex.schema.dropTable('integrations');
};
