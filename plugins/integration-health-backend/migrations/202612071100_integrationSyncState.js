// @ts-check

/**
 * One row saying where the integrations table stands (issue: scale): a
 * revision every write of integrations moves, so a replica that knows the
 * table as of a revision need not read it again, and when a full sync last
 * saw every current integration, so that a sync with nothing new writes no
 * integration row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('integration_sync_state', table => {
    table.comment('Where the integrations table stands; one row, id 1');
    table.integer('id').primary();
    table
      .bigInteger('revision')
      .notNullable()
      .comment('Moved by every write of integrations');
    table
      .timestamp('active_seen_at', { useTz: true })
      .nullable()
      .comment('When a full sync last saw every current integration');
  });
  await knex('integration_sync_state').insert({
    id: 1,
    revision: 0,
    active_seen_at: null,
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('integration_sync_state');
};
