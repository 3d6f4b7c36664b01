// @ts-check

/**
 * Where each evidence source got to (issue: scale): an opaque cursor the
 * source gives with an answer and gets back on the next sync, so that it
 * can answer only what changed since.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('evidence_sources', table => {
    table
      .text('cursor')
      .nullable()
      .comment('Given by the source with its last recorded answer');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('evidence_sources', table => {
    table.dropColumn('cursor');
  });
};
