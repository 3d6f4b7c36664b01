/**
 * The Integration Health backend plugin.
 *
 * @packageDocumentation
 */
export { integrationHealthPlugin as default } from './plugin';
export {
  apiConditions,
  createApiConditionalDecision,
  integrationConditions,
  createIntegrationConditionalDecision,
} from './permissions/conditions';
export {
  apiPermissionResourceRef,
  apiPermissionRules,
  type ApiResource,
} from './permissions/apiRules';
export {
  integrationPermissionResourceRef,
  integrationPermissionRules,
  type IntegrationQuery,
} from './permissions/rules';
