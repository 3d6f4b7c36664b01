// @ts-check

/**
 * Which spec versions the calendar has looked at, so that each sync reads
 * the breaking changes of new versions only. A mark per version rather than
 * a high-water mark: version ids are not ordered, and writers (the sync, the
 * catalog-event sync, seeds, other replicas) commit in any order. Versions
 * recorded before this migration are unmarked, so the first sync after it
 * reads the whole history once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('spec_versions', table => {
    table
      .timestamp('calendar_checked_at', { useTz: true })
      .nullable()
      .comment('When the calendar took this version’s breaking changes in');
    table.index(['calendar_checked_at'], 'spec_versions_calendar_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('spec_versions', table => {
    table.dropIndex(['calendar_checked_at'], 'spec_versions_calendar_idx');
    table.dropColumn('calendar_checked_at');
  });
};
