// @ts-check

/**
 * Daily health of entities, teams, systems and domains, for trends and the
 * scorecard.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rollup_snapshots', table => {
    table.comment('One row per day and entity, team, system or domain');
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.string('subject_ref', 255).notNullable();
    table
      .integer('contract')
      .nullable()
      .comment('Mean over integrations with a score; null when none');
    table.integer('mock').nullable();
    table.integer('integrations').notNullable();
    table.integer('with_evidence').notNullable();
    table.integer('without_owner').notNullable();
    table.primary(['day', 'subject_ref']);
    table.index(['subject_ref', 'day'], 'rollup_snapshots_subject_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rollup_snapshots');
};
