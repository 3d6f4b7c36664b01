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
