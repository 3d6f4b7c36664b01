import { FindingLevel } from '../types';

const B: FindingLevel = 'breaking';
const W: FindingLevel = 'warning';
const I: FindingLevel = 'info';

/**
 * Levels of the rules about paths, operations, parameters, bodies, responses
 * and security. Ids and levels are the reference checker's; the ids marked
 * `own` cover changes it has no rule for.
 */
export const OPERATION_RULES: Record<string, FindingLevel> = {
  // paths and operations
  'endpoint-added': I,
  'endpoint-deprecated': I,
  'endpoint-deprecated-with-sunset': I,
  'endpoint-reactivated': I,
  'api-path-removed-without-deprecation': B,
  'api-path-removed-with-deprecation': I,
  'api-path-removed-before-sunset': B,
  'api-removed-without-deprecation': B,
  'api-removed-with-deprecation': I,
  'api-removed-before-sunset': B,
  'api-operation-id-added': I,
  'api-operation-id-removed': I,
  'api-tag-added': I,
  'api-tag-removed': I,
  'api-path-sunset-parse': B,
  'api-deprecated-sunset-parse': B,
  'api-deprecated-sunset-missing': B,
  'api-sunset-date-too-small': B,
  'sunset-deleted': B,
  'api-sunset-date-changed-too-small': B,
  'api-invalid-stability-level': B,
  'api-stability-decreased': B,
  'api-stability-increased': I,
  // Once something breaks: does info.version say so?
  'api-version-not-bumped': I,
  'api-version-decreased': I,
  'api-major-version-not-bumped': I,
  // components
  'api-schema-removed': I,
  'webhook-added': I,
  'webhook-removed': B,
  // Callbacks: requests the provider sends to the consumer's URL.
  'callback-added': I, // own
  'callback-removed': B, // own
  // What a webhook or callback sends the consumer, judged from its side.
  'received-body-added': I, // own
  'received-body-removed': B, // own
  'received-body-became-optional': B, // own
  'received-body-became-required': I, // own
  'received-parameter-added': I, // own
  'received-parameter-removed': B, // own
  // parameters
  'new-required-request-parameter': B,
  'new-optional-request-parameter': I,
  'new-request-path-parameter': B,
  'request-parameter-removed': W,
  'request-parameter-removed-with-deprecation': I,
  'request-parameter-became-required': B,
  'request-parameter-became-optional': I,
  'request-parameter-deprecated': I,
  'request-parameter-reactivated': I,
  'request-parameter-deprecated-sunset-missing': B,
  'request-parameter-sunset-date-too-small': B,
  'request-parameter-sunset-parse': B,
  'request-parameter-removed-before-sunset': B,
  'request-parameter-sunset-deleted': B,
  'request-parameter-sunset-date-changed-too-small': B,
  'new-required-request-default-parameter-to-existing-path': B,
  'new-optional-request-default-parameter-to-existing-path': I,
  'request-parameter-style-changed': B, // own
  'request-parameter-explode-changed': B, // own
  'request-parameter-allow-empty-value-removed': B, // own
  // request bodies
  'request-body-added-required': B,
  'request-body-added-optional': I,
  'request-body-removed': B,
  'request-body-became-required': B,
  'request-body-became-optional': I,
  'request-body-media-type-added': I,
  'request-body-media-type-removed': B,
  'request-body-media-type-schema-added': B,
  'request-body-media-type-schema-removed': I,
  // responses
  'response-success-status-added': I,
  'response-success-status-removed': B,
  'response-non-success-status-added': I,
  'response-non-success-status-removed': I,
  'response-media-type-added': I,
  'response-media-type-name-changed': I,
  'response-media-type-name-generalized': B,
  'response-media-type-name-specialized': I,
  'response-media-type-removed': B,
  'response-body-media-type-schema-added': I,
  'response-body-media-type-schema-removed': W,
  'response-header-added': I,
  'required-response-header-removed': B,
  'optional-response-header-removed': W,
  'response-header-became-optional': B,
  'response-header-became-required': I, // own
  'response-header-explode-changed': B, // own
  // security
  'api-security-added': I,
  'api-security-removed': I,
  'api-security-scope-added': I,
  'api-security-scope-removed': I,
  'api-global-security-added': I,
  'api-global-security-removed': I,
  'api-global-security-scope-added': I,
  'api-global-security-scope-removed': I,
  'api-security-component-added': I,
  'api-security-component-removed': I,
  'api-security-component-type-changed': I,
  // Clients that send credentials the old way are refused.
  'api-security-component-scheme-changed': B, // own
  'api-security-component-in-changed': B, // own
  'api-security-component-name-changed': B, // own
  'api-security-component-open-id-connect-url-changed': B, // own
  'api-security-component-bearer-format-changed': I, // own: a hint, not a rule
  'api-security-component-oauth-url-changed': I,
  'api-security-component-oauth-token-url-changed': I,
  'api-security-component-oauth-scope-added': I,
  'api-security-component-oauth-scope-removed': I,
  'api-security-component-oauth-scope-changed': I,
};
