// @ts-check

/**
 * How many of a subject's integrations it is on the provider side of, and
 * how many on the consumer side of, for the scorecard.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rollup_snapshots', table => {
    table.integer('as_provider').notNullable().defaultTo(0);
    table.integer('as_consumer').notNullable().defaultTo(0);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('rollup_snapshots', table => {
    table.dropColumn('as_provider');
    table.dropColumn('as_consumer');
  });
};
