import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of an integration in the permission framework. Its
 * resource ref is the integration's id.
 *
 * @public
 */
export const INTEGRATION_RESOURCE_TYPE = 'integration-health-integration';

/**
 * Assigning, changing or clearing the accountable owner of one integration.
 * The plugin's rules let a policy allow it to the owners of either side.
 *
 * @public
 */
export const integrationAssignOwnerPermission = createPermission({
  name: 'integration-health.integration.assign-owner',
  attributes: { action: 'update' },
  resourceType: INTEGRATION_RESOURCE_TYPE,
});

/**
 * Acknowledging (or withdrawing an acknowledgement of) a breaking change for
 * a consumer. The resource is the consumer's integration through the
 * changed API; the plugin's rules let a policy allow it to the consumer's
 * owners.
 *
 * @public
 */
export const breakingChangeAcknowledgePermission = createPermission({
  name: 'integration-health.breaking-change.acknowledge',
  attributes: { action: 'update' },
  resourceType: INTEGRATION_RESOURCE_TYPE,
});

/**
 * The resource type of an API whose breaking changes are announced. Its
 * resource ref is the API entity ref.
 *
 * @public
 */
export const API_RESOURCE_TYPE = 'integration-health-api';

/**
 * Announcing, editing or cancelling a planned breaking change of an API.
 * The plugin's rule lets a policy allow it to the owners of the API and of
 * the components that provide it.
 *
 * @public
 */
export const breakingChangeAnnouncePermission = createPermission({
  name: 'integration-health.breaking-change.announce',
  attributes: { action: 'update' },
  resourceType: API_RESOURCE_TYPE,
});

/**
 * Recording or editing an incident at an integration. The resource is the
 * integration; the plugin's rules let a policy allow it to the owners of
 * either side.
 *
 * @public
 */
export const integrationIncidentRecordPermission = createPermission({
  name: 'integration-health.incident.record',
  attributes: { action: 'create' },
  resourceType: INTEGRATION_RESOURCE_TYPE,
});

/**
 * Pushing evidence (a contract verification or a bundle of mocks) for one
 * integration. Pipelines push with an external access token: an operator
 * limits a token to exactly this permission with the token's
 * `accessRestrictions`.
 *
 * @public
 */
export const integrationEvidencePushPermission = createPermission({
  name: 'integration-health.evidence.push',
  attributes: { action: 'create' },
  resourceType: INTEGRATION_RESOURCE_TYPE,
});

/**
 * Calling an integration's provider mock server
 * (`/api/integration-health/v1/mock-server/<integration id>/…`). Only
 * services call it, with an external access token that an operator limits
 * to this permission with the token's `accessRestrictions`.
 *
 * @public
 */
export const integrationMockServerPermission = createPermission({
  name: 'integration-health.mock-server.use',
  attributes: { action: 'read' },
  resourceType: INTEGRATION_RESOURCE_TYPE,
});

/**
 * Pushing observed calls between services (`PUT /v1/observations`), from a
 * pipeline or a telemetry exporter with an external access token that an
 * operator limits to this permission.
 *
 * @public
 */
export const observationsPushPermission = createPermission({
  name: 'integration-health.observations.push',
  attributes: { action: 'create' },
});

/**
 * Pushing a database resource's migrations
 * (`PUT /v1/resources/:kind/:namespace/:name/migrations`), from the
 * pipeline that ships them, with an external access token an operator
 * limits to this permission.
 *
 * @public
 */
export const schemaMigrationsPushPermission = createPermission({
  name: 'integration-health.migrations.push',
  attributes: { action: 'create' },
});

/**
 * Every permission the Integration Health plugin checks.
 *
 * @public
 */
export const integrationHealthPermissions = [
  integrationAssignOwnerPermission,
  breakingChangeAcknowledgePermission,
  breakingChangeAnnouncePermission,
  integrationIncidentRecordPermission,
  integrationEvidencePushPermission,
  integrationMockServerPermission,
  observationsPushPermission,
  schemaMigrationsPushPermission,
];
