// @ts-check

/**
 * Personal calendar feed tokens, stored hashed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('calendar_feed_tokens', table => {
    table.comment('Revocable tokens that calendar clients use to read a feed');
    table.bigIncrements('id').primary();
    table.string('user_ref', 255).notNullable().index('feed_tokens_user_idx');
    table
      .string('token_hash', 64)
      .notNullable()
      .unique()
      .comment('SHA-256, hex');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('revoked_at', { useTz: true }).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('calendar_feed_tokens');
};
