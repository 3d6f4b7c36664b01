// @ts-check

/**
 * Mock documents per integration and source (checked against the current
 * spec on every sync), and the state of each evidence source.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('contract_verifications', table => {
    table
      .text('note')
      .nullable()
      .comment('What the source says besides the result');
    table
      .boolean('provider_in_production')
      .notNullable()
      .defaultTo(false)
      .comment(
        'The source knows the verified provider version is deployed in production',
      );
  });
  await knex.schema.createTable('mock_documents', table => {
    table.comment(
      'Mocks of consumers (pacts, WireMock mappings) per integration and source',
    );
    table.bigIncrements('id').primary();
    table.string('integration_id', 64).notNullable();
    table.string('source', 64).notNullable();
    table.text('name').notNullable();
    table.string('format', 16).notNullable();
    table.text('content').notNullable().comment('JSON');
    table.text('url').nullable();
    table.string('made_from_version').nullable();
    table.timestamp('collected_at', { useTz: true }).notNullable();
    table.index(['integration_id'], 'mock_documents_integration_idx');
    table.index(['source'], 'mock_documents_source_idx');
  });

  await knex.schema.createTable('evidence_sources', table => {
    table.comment(
      'Each evidence source: when it last answered, and its last error',
    );
    table.string('source', 64).primary();
    table.timestamp('last_attempt_at', { useTz: true }).notNullable();
    table.timestamp('last_success_at', { useTz: true }).nullable();
    table
      .text('last_error')
      .nullable()
      .comment('Null when the last attempt succeeded');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('evidence_sources');
  await knex.schema.dropTable('mock_documents');
  await knex.schema.alterTable('contract_verifications', table => {
    table.dropColumn('note');
    table.dropColumn('provider_in_production');
  });
};
