// @ts-check

/**
 * When the sync last saw each API entity in the catalog, so that APIs that
 * disappear are marked gone (their history stays).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('api_specs', table => {
    table.timestamp('seen_at', { useTz: true }).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('api_specs', table => {
    table.dropColumn('seen_at');
  });
};
