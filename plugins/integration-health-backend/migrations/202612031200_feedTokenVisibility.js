// @ts-check

/**
 * What a feed token's owner could see in the portal: the feed is served to
 * calendar clients without the owner's credentials, so it shows only the
 * entities recorded here, as of the owner's last visit to the calendar.
 * Tokens issued before this show nothing until their owner's next visit.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('calendar_feed_tokens', table => {
    table
      .text('visible_refs')
      .nullable()
      .comment('JSON array of the entity refs the owner could read');
    table
      .timestamp('visible_at', { useTz: true })
      .nullable()
      .comment('When visible_refs was read with the owner credentials');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('calendar_feed_tokens', table => {
    table.dropColumn('visible_refs');
    table.dropColumn('visible_at');
  });
};
