/**
 * Declares who is accountable for an integration itself (not for either side of it).
 *
 * Put it on the consuming or the providing entity. The value is a comma-separated
 * list of entries, each either
 *
 * - `<group ref>`: accountable for every integration of this entity, as
 *   consumer or provider, or
 * - `<counterpart ref>=<group ref>`: accountable for the integration with that
 *   counterpart only (an API or component ref for a consumer's annotation, a
 *   consumer's ref for a provider's).
 *
 * Refs default to kind `Group` and the entity's namespace, for example
 * `group:default/platform`, `platform`, or `api:transaction-events=ledger-engineering`.
 *
 * @public
 */
export const ACCOUNTABLE_OWNER_ANNOTATION =
  'integration-health.io/accountable-owner';

/**
 * Where a consuming entity keeps its mocks of providers: comma-separated
 * locations, each `dir:<path>` (relative to the entity's catalog file, inside
 * a directory the backend allows) or `url:<url>` (one JSON file, read with
 * the backend's URL readers). Every `*.json` found is a pact or a WireMock
 * mapping file. A pact names its provider (`provider.name`); a WireMock file
 * names it in `metadata.provider` or by the folder it sits in
 * (`mocks/transaction-intake/*.json`). Both may record the spec version they
 * were made from (`metadata.specVersion`; in a pact,
 * `metadata["integration-health"].specVersion`).
 *
 * @public
 */
export const MOCKS_ANNOTATION = 'integration-health.io/mocks';

/**
 * The name an entity has as a pacticipant in a Pact Broker or in pact files,
 * when it differs from the entity's name.
 *
 * @public
 */
export const PACT_PACTICIPANT_ANNOTATION =
  'integration-health.io/pact-pacticipant';

/**
 * Put on an API entity, `integration-health.io/mock-server: enabled` lets
 * services call a live mock of it generated from its current spec, one per
 * consumer (`/api/integration-health/v1/mock-server/<integration id>/…`).
 * Off unless the API says so, and unless the backend enables the mock
 * server (`integrationHealth.mockServer.enabled`).
 *
 * @public
 */
export const MOCK_SERVER_ANNOTATION = 'integration-health.io/mock-server';

/**
 * The names an entity's service has in telemetry (traces, service-graph
 * metrics), comma-separated, when they are not the entity's name; e.g.
 * `payments-api, payments-worker`. Observed calls are matched to entities by
 * these names, else by entity name; a name that matches nothing, or more than
 * one entity, is reported, not guessed.
 *
 * @public
 */
export const TELEMETRY_SERVICE_ANNOTATION =
  'integration-health.io/telemetry-service';

/**
 * Where a database resource's migrations are, comma-separated:
 * `dir:<path>` (relative to the entity's catalog file, inside the
 * directories `integrationHealth.schemas.allowedDirectories` allows) or
 * `url:<folder url>` (read through the backend's URL readers). Every `.sql`
 * file there is one migration, applied in file-name order. PostgreSQL.
 *
 * @public
 */
export const MIGRATIONS_ANNOTATION = 'integration-health.io/migrations';

/**
 * Where a consumer's database queries are, comma-separated, each location
 * optionally for one resource only: `resource:transactions-db=dir:./queries`
 * (else for every database it depends on). Every `.sql` file there is one
 * query, prepared (never run) against each candidate migration.
 *
 * @public
 */
export const DB_QUERIES_ANNOTATION = 'integration-health.io/db-queries';
