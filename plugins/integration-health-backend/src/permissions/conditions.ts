import { createConditionExports } from '@backstage/plugin-permission-node';
import {
  integrationPermissionResourceRef,
  integrationPermissionRules,
} from './rules';

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
