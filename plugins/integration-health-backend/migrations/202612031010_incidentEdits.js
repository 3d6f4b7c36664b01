// @ts-check

/**
 * Every edit of an incident: who, when, and each field it changed with its
 * value before and after. Written in the same transaction as the edit.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incident_edits', table => {
    table.comment('Edits of incidents, append-only');
    table.bigIncrements('id').primary();
    table
      .string('incident_id', 36)
      .notNullable()
      .index('incident_edits_incident_idx');
    table.string('edited_by', 255).notNullable();
    table.timestamp('edited_at', { useTz: true }).notNullable();
    table
      .text('changes')
      .notNullable()
      .comment('JSON list of { field, before, after }');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incident_edits');
};
