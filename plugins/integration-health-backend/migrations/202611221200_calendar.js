// @ts-check

/**
 * The breaking-change calendar: entries (detected or announced) with their
 * history, the append-only acknowledgement trail, and the notifications sent.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('calendar_entries', table => {
    table.comment(
      'Dated breaking changes: detected in spec history or announced',
    );
    table.string('id', 36).primary();
    table.string('origin', 16).notNullable();
    table.string('api_ref', 255).notNullable();
    table.text('title').notNullable();
    table.text('description').nullable();
    table.text('operations').notNullable().comment('JSON list');
    table.text('changes').notNullable().comment('JSON list of CalendarChange');
    table.timestamp('effective_at', { useTz: true }).notNullable();
    table.text('migration_notes').nullable();
    table.text('migration_url').nullable();
    table.timestamp('cancelled_at', { useTz: true }).nullable();
    table
      .string('source_key', 255)
      .nullable()
      .unique()
      .comment('Detected entries: the version and sunset date they come from');
    table.integer('sequence').notNullable().defaultTo(0);
    table.string('created_by', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['api_ref'], 'calendar_entries_api_idx');
    table.index(['effective_at'], 'calendar_entries_effective_idx');
  });

  await knex.schema.createTable('calendar_entry_history', table => {
    table.comment('Every change of an entry, append-only');
    table.bigIncrements('id').primary();
    table
      .string('entry_id', 36)
      .notNullable()
      .index('calendar_history_entry_idx');
    table.string('action', 16).notNullable();
    table.string('by_ref', 255).nullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.text('entry').notNullable().comment('JSON snapshot after the change');
  });

  await knex.schema.createTable('calendar_acknowledgements', table => {
    table.comment('Acknowledgements and their withdrawals, append-only');
    table.bigIncrements('id').primary();
    table.string('entry_id', 36).notNullable();
    table.string('consumer_ref', 255).notNullable();
    table.string('action', 16).notNullable();
    table.string('by_ref', 255).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.text('note').nullable();
    table.index(['entry_id', 'consumer_ref'], 'calendar_acks_idx');
  });

  await knex.schema.createTable('calendar_notifications', table => {
    table.comment('Which notification went to whom, so none is sent twice');
    table.string('entry_id', 36).notNullable();
    table
      .string('recipient', 255)
      .notNullable()
      .comment('A consumer ref, or provider');
    table.string('kind', 64).notNullable();
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.primary(['entry_id', 'recipient', 'kind']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('calendar_notifications');
  await knex.schema.dropTable('calendar_acknowledgements');
  await knex.schema.dropTable('calendar_entry_history');
  await knex.schema.dropTable('calendar_entries');
};
