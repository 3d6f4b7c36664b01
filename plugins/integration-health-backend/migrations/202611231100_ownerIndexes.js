// @ts-check

/**
 * Teams' integrations are looked up by the owners of their sides.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('integrations', table => {
    table.index(['consumer_owner_ref'], 'integrations_consumer_owner_idx');
    table.index(['provider_owner_ref'], 'integrations_provider_owner_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('integrations', table => {
    table.dropIndex(['consumer_owner_ref'], 'integrations_consumer_owner_idx');
    table.dropIndex(['provider_owner_ref'], 'integrations_provider_owner_idx');
  });
};
