import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
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
  apiConditions,
  createApiConditionalDecision,
  createIntegrationConditionalDecision,
  integrationConditions,
} from '@integration-health/plugin-integration-health-backend';
import {
  API_RESOURCE_TYPE,
  breakingChangeAcknowledgePermission,
  INTEGRATION_RESOURCE_TYPE,
} from '@integration-health/plugin-integration-health-common';

/**
 * The portal's policy: everything is allowed, except that an integration's
 * accountable owner is assigned, and incidents at it are recorded, by the
 * owners of either of its sides; a breaking change is acknowledged by the
 * consumer's owners, and announced by the owners of the API or its providers.
 */
class PortalPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (isResourcePermission(request.permission, INTEGRATION_RESOURCE_TYPE)) {
      // Acknowledging a breaking change is for the consumer's owners;
      // assigning the accountable owner and recording incidents for the
      // owners of either side.
      return createIntegrationConditionalDecision(
        request.permission,
        isPermission(request.permission, breakingChangeAcknowledgePermission)
          ? integrationConditions.isConsumerOwner({ claims })
          : integrationConditions.isSideOwner({ claims }),
      );
    }
    if (isResourcePermission(request.permission, API_RESOURCE_TYPE)) {
      return createApiConditionalDecision(
        request.permission,
        apiConditions.isProviderOwner({ claims }),
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
