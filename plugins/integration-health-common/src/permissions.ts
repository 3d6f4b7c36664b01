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
 * Every permission the Integration Health plugin checks.
 *
 * @public
 */
export const integrationHealthPermissions = [integrationAssignOwnerPermission];
