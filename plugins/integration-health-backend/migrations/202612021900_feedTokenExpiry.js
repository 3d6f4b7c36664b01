// @ts-check

const DAY_MS = 86_400_000;

/**
 * Feed tokens expire, and the database holds at most one active token per
 * user, so two concurrent issues cannot leave two. Tokens issued before this
 * expire 180 days after they were created.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('calendar_feed_tokens', table => {
    table
      .timestamp('expires_at', { useTz: true })
      .nullable()
      .comment('After this the token opens no feed');
  });
  const rows = await knex('calendar_feed_tokens').select(
    'id',
    'user_ref',
    'created_at',
    'revoked_at',
  );
  const newestActive = new Map();
  for (const row of rows) {
    const created = new Date(row.created_at).getTime();
    await knex('calendar_feed_tokens')
      .where({ id: row.id })
      .update({ expires_at: new Date(created + 180 * DAY_MS) });
    if (row.revoked_at === null) {
      const kept = newestActive.get(row.user_ref);
      if (!kept || kept.created < created)
        newestActive.set(row.user_ref, { id: row.id, created });
    }
  }
  // Only the newest active token of each user stays active.
  for (const row of rows) {
    if (
      row.revoked_at === null &&
      newestActive.get(row.user_ref)?.id !== row.id
    ) {
      await knex('calendar_feed_tokens')
        .where({ id: row.id })
        .update({ revoked_at: new Date() });
    }
  }
  await knex.raw(
    'CREATE UNIQUE INDEX feed_tokens_one_active_idx ON calendar_feed_tokens (user_ref) WHERE revoked_at IS NULL',
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX feed_tokens_one_active_idx');
  await knex.schema.alterTable('calendar_feed_tokens', table => {
    table.dropColumn('expires_at');
  });
};
