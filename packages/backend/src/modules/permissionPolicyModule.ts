import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createIntegrationConditionalDecision,
  integrationConditions,
} from '@integration-health/plugin-integration-health-backend';
import { INTEGRATION_RESOURCE_TYPE } from '@integration-health/plugin-integration-health-common';

/**
 * The portal's policy: everything is allowed, except that an integration's
 * accountable owner is assigned by the owners of either of its sides.
 */
class PortalPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isResourcePermission(request.permission, INTEGRATION_RESOURCE_TYPE)) {
      return createIntegrationConditionalDecision(
        request.permission,
        integrationConditions.isSideOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'portal-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new PortalPermissionPolicy());
      },
    });
  },
});
