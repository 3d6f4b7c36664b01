// @ts-check

/**
 * What each integration's scores were computed from, so that a sync
 * recomputes only those whose evidence, mocks, spec history or integration
 * changed (and all of them once a day, as age moves scores); and which
 * integrations' score values changed since the rollups last took them in.
 * Scores stored before this migration have no key and are recomputed once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('integration_scores', table => {
    table
      .string('inputs_key', 64)
      .nullable()
      .comment('sha256 of what the scores were computed from, with the day');
  });
  await knex.schema.createTable('score_changes', table => {
    table.comment(
      'Integrations whose score values changed, until the rollups take them in',
    );
    table.bigIncrements('id').primary();
    table.string('integration_id', 64).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('score_changes');
  await knex.schema.alterTable('integration_scores', table => {
    table.dropColumn('inputs_key');
  });
};
