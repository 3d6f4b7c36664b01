// @ts-check

/**
 * Incidents recorded against integrations by the owners of either side.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('integration_incidents', table => {
    table.comment('Incidents at integrations, recorded for post-mortems');
    table.string('id', 36).primary();
    table.string('integration_id', 64).notNullable();
    table.string('title', 300).notNullable();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table
      .text('impact')
      .notNullable()
      .comment('JSON object: duration, transactions, money, words');
    table
      .text('trigger')
      .nullable()
      .comment('JSON object: calendar entry or spec version');
    table
      .text('out_of_sync')
      .nullable()
      .comment('JSON object: the mock or contract that was out of sync');
    table.text('postmortem_urls').notNullable().comment('JSON array of links');
    table.string('recorded_by', 255).notNullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['integration_id'], 'incidents_integration_idx');
    table.index(['occurred_at'], 'incidents_occurred_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('integration_incidents');
};
