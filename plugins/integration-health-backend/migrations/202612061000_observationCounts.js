// @ts-check

/**
 * The scorecard's daily undeclared and not-observed counts per entity,
 * team, system and domain (issue: observed integrations). The row with an
 * empty subject marks a day that was counted, so a subject without a row
 * that day had none. And whether telemetry saw traffic on each declared
 * integration it can see, as of the last full sync, for the calendar.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('observation_counts', table => {
    table.comment('Daily undeclared and not-observed edges per subject');
    table.string('day', 10).notNullable().comment('YYYY-MM-DD');
    table.string('subject_ref', 255).notNullable();
    table.integer('undeclared').notNullable();
    table.integer('not_observed').notNullable();
    table.primary(['day', 'subject_ref']);
  });
  await knex.schema.createTable('integration_traffic', table => {
    table.comment('Whether telemetry saw traffic on a declared integration');
    table.string('integration_id', 255).primary();
    table.boolean('seen').notNullable().comment('false: not observed');
    table.timestamp('last_seen_at', { useTz: true }).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('integration_traffic');
  await knex.schema.dropTable('observation_counts');
};
