// @ts-check

/**
 * Contract and mock evidence per integration, the scores computed from it,
 * and one snapshot of the scores per day for trends.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('contract_verifications', table => {
    table.comment('Provider verifications of consumer contracts, per source');
    table.bigIncrements('id').primary();
    table.string('integration_id', 64).notNullable();
    table.string('source', 64).notNullable();
    table.string('result', 16).notNullable();
    table.string('provider_version').notNullable();
    table.string('consumer_version').nullable();
    table.string('environment').nullable();
    table.timestamp('verified_at', { useTz: true }).notNullable();
    table.text('url').nullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.index(['integration_id', 'verified_at'], 'verifications_idx');
  });

  await knex.schema.createTable('integration_scores', table => {
    table.comment('The current scores of each integration, with explanations');
    table.string('integration_id', 64).primary();
    table.text('contract').notNullable().comment('JSON ScoreExplanation');
    table.text('mock').notNullable().comment('JSON ScoreExplanation');
    table.timestamp('computed_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('score_snapshots', table => {
    table.comment('One row per day and integration, for trends');
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.string('integration_id', 64).notNullable();
    table.integer('contract').nullable().comment('Null when unknown');
    table.integer('mock').nullable().comment('Null when unknown');
    table.primary(['day', 'integration_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('score_snapshots');
  await knex.schema.dropTable('integration_scores');
  await knex.schema.dropTable('contract_verifications');
};
