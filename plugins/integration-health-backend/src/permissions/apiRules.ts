import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { API_RESOURCE_TYPE } from '@integration-health/plugin-integration-health-common';
import { z } from 'zod';

/**
 * An API as a resource of the permission framework: its ref and the groups
 * and users that own it or a component providing it.
 *
 * @public
 */
export type ApiResource = { apiRef: string; ownerRefs: string[] };

/**
 * APIs as resources of the permission framework.
 *
 * @public
 */
export const apiPermissionResourceRef = createPermissionResourceRef<
  ApiResource,
  { ownerRefs: string[] }
>().with({
  pluginId: 'integration-health',
  resourceType: API_RESOURCE_TYPE,
});

/**
 * The rules a permission policy can use for APIs.
 *
 * @public
 */
export const apiPermissionRules = {
  isProviderOwner: createPermissionRule({
    name: 'IS_API_PROVIDER_OWNER',
    description:
      'Allow the owners of an API or of a component that provides it',
    resourceRef: apiPermissionResourceRef,
    paramsSchema: z.object({
      claims: z
        .array(z.string())
        .describe('Entity refs the user owns through (ownershipEntityRefs)'),
    }),
    apply: (api, { claims }) => api.ownerRefs.some(ref => claims.includes(ref)),
    toQuery: ({ claims }) => ({ ownerRefs: claims }),
  }),
};
