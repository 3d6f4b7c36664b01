// @ts-check

/**
 * What telemetry observed (issue: observed integrations): calls between
 * services per source as last collected, with when each edge was first and
 * last seen with traffic; each source's last attempt; and which catalog
 * entity each telemetry service name stands for, rebuilt by the sync.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('observed_calls', table => {
    table.comment('Calls between services as an observation source saw them');
    table.bigIncrements('id').primary();
    table.string('source', 255).notNullable();
    table.string('client', 255).notNullable();
    table.string('server', 255).notNullable();
    table
      .string('connection_type', 64)
      .notNullable()
      .defaultTo('')
      .comment("'' for service calls; database, messaging_system, …");
    table.bigInteger('calls').notNullable().comment('in the latest window');
    table.bigInteger('failed_calls').nullable();
    table.double('p95_ms').nullable();
    table.timestamp('window_start', { useTz: true }).notNullable();
    table.timestamp('window_end', { useTz: true }).notNullable();
    table.timestamp('first_seen_at', { useTz: true }).nullable();
    table.timestamp('last_seen_at', { useTz: true }).nullable();
    table.unique(['source', 'client', 'server', 'connection_type'], {
      indexName: 'observed_calls_edge_uq',
    });
    table.index(['client'], 'observed_calls_client_idx');
    table.index(['server'], 'observed_calls_server_idx');
  });
  await knex.schema.createTable('observation_sources', table => {
    table.comment('Each observation source, its last attempt and success');
    table.string('source', 255).primary();
    table.timestamp('last_attempt_at', { useTz: true }).notNullable();
    table.timestamp('last_success_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
  });
  await knex.schema.createTable('telemetry_names', table => {
    table.comment('Which catalog entities a telemetry service name stands for');
    table.string('name', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.primary(['name', 'entity_ref']);
    table.index(['entity_ref'], 'telemetry_names_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('telemetry_names');
  await knex.schema.dropTable('observation_sources');
  await knex.schema.dropTable('observed_calls');
};
