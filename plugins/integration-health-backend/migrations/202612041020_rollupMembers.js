// @ts-check

/**
 * What the daily rollups were last computed from: each integration's
 * subjects (entities, systems, domains, teams and the groups above them)
 * with its side, scores and owner, and a digest of the whole, so that a sync
 * recomputes only the subjects of integrations that changed. The first sync
 * of each day recomputes everything and refreshes these.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rollup_integrations', table => {
    table.comment('Each current integration as the rollups last counted it');
    table.string('integration_id', 64).primary();
    table
      .string('digest', 64)
      .notNullable()
      .comment('sha256 of its subjects, sides and whether it has an owner');
    table.double('contract').nullable();
    table.double('mock').nullable();
    table.boolean('without_owner').notNullable();
  });
  await knex.schema.createTable('rollup_members', table => {
    table.comment('The subjects each integration counts for, with its side');
    table.string('integration_id', 64).notNullable();
    table.string('subject_ref', 255).notNullable();
    table.boolean('as_provider').notNullable();
    table.boolean('as_consumer').notNullable();
    table.primary(['integration_id', 'subject_ref']);
    table.index(['subject_ref'], 'rollup_members_subject_idx');
  });
  await knex.schema.createTable('rollup_state', table => {
    table.comment('The day and digest of the rollups last computed');
    table.string('id', 16).primary();
    table.string('day', 10).notNullable();
    table.string('digest', 64).notNullable();
    table.integer('subjects').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rollup_state');
  await knex.schema.dropTable('rollup_members');
  await knex.schema.dropTable('rollup_integrations');
};
