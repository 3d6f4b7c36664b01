// @ts-check

/**
 * The lease a catalog sync holds while it runs. The scheduler starts the
 * next run once the previous one exceeds its timeout, even when that one is
 * still going (in this process or another); the lease keeps such runs from
 * overlapping and a run that lost it from writing.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sync_leases', table => {
    table.comment('Who runs the sync now, until when (renewed while it runs)');
    table.string('name', 64).primary().comment('The job, e.g. catalog-sync');
    table.string('holder', 64).notNullable().comment('The run holding it');
    table.timestamp('acquired_at', { useTz: true }).notNullable();
    table
      .timestamp('expires_at', { useTz: true })
      .notNullable()
      .comment('Another run may take the lease after this');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sync_leases');
};
