import { createConditionExports } from '@backstage/plugin-permission-node';
import {
  integrationPermissionResourceRef,
  integrationPermissionRules,
} from './rules';
import { apiPermissionResourceRef, apiPermissionRules } from './apiRules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: integrationPermissionResourceRef,
  rules: integrationPermissionRules,
});

/**
 * Conditions for integration permissions, for use in a permission policy:
 * `integrationConditions.isSideOwner({ claims: user.info.ownershipEntityRefs })`.
 *
 * @public
 */
export const integrationConditions = conditions;

/**
 * Builds a conditional decision for an integration permission.
 *
 * @public
 */
export const createIntegrationConditionalDecision = createConditionalDecision;

const apiExports = createConditionExports({
  resourceRef: apiPermissionResourceRef,
  rules: apiPermissionRules,
});

/**
 * Conditions for API permissions (announcing breaking changes), for use in
 * a permission policy: `apiConditions.isProviderOwner({ claims })`.
 *
 * @public
 */
export const apiConditions = apiExports.conditions;

/**
 * Builds a conditional decision for an API permission.
 *
 * @public
 */
export const createApiConditionalDecision =
  apiExports.createConditionalDecision;
