// @ts-check

/**
 * A hash of each stored mock document (its name, format, link, version and
 * content), so that a sync finds a source's unchanged mocks without reading
 * their content, and leaves them as they are instead of rewriting them.
 * Documents stored before have none until their source next answers.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('mock_documents', table => {
    table
      .string('content_hash', 64)
      .nullable()
      .comment(
        'sha256 of the document as stored: name, format, url, version, content',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('mock_documents', table => {
    table.dropColumn('content_hash');
  });
};
