// @ts-check

/**
 * Which consumers were told that their mocks no longer match a spec
 * version, so each is told once per version.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mock_refresh_notifications', table => {
    table.comment(
      'Consumers notified that their mocks no longer match a spec version',
    );
    table.string('integration_id', 64).notNullable();
    table.string('spec_version_id', 36).notNullable();
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.primary(['integration_id', 'spec_version_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mock_refresh_notifications');
};
