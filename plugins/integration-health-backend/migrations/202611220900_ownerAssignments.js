// @ts-check

/**
 * Accountable owners assigned through the API or the UI. Append-only: the
 * latest row per integration is in force, earlier rows are its history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('accountable_owner_assignments', table => {
    table.comment('Append-only log of accountable owners assigned in the UI');
    table.bigIncrements('id').primary();
    table.string('integration_id', 64).notNullable();
    table
      .string('owner_ref')
      .nullable()
      .comment('Null clears the assignment; the annotations apply again');
    table.string('assigned_by').notNullable();
    table.timestamp('assigned_at', { useTz: true }).notNullable();
    table.text('note').nullable();
    table.index(['integration_id'], 'owner_assignments_integration_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('accountable_owner_assignments');
};
