import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';

/** Whether the caller may act on one resource. */
export type ResourceCheck<TResource> = (resource: TResource) => boolean;

/**
 * Asks the permission policy once per request and answers a check to apply
 * to each resource: conditional decisions are evaluated with the plugin's
 * own rules, so that a list can be judged item by item without asking again.
 */
export function createResourceAuthorizer<TResource, TQuery>(
  permissions: PermissionsService,
  ruleset: PermissionRuleset<TResource, TQuery>,
) {
  const allowed = createConditionAuthorizer(ruleset);
  return async (
    permission: ResourcePermission,
    credentials: BackstageCredentials,
  ): Promise<ResourceCheck<TResource>> => {
    const [decision] = await permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return resource => allowed(decision, resource);
    }
    return () => decision.result === AuthorizeResult.ALLOW;
  };
}
