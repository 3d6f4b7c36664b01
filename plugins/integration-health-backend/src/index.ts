/**
 * The Integration Health backend plugin.
 *
 * @packageDocumentation
 */
export { integrationHealthPlugin as default } from './plugin';
export {
  integrationConditions,
  createIntegrationConditionalDecision,
} from './permissions/conditions';
export {
  integrationPermissionResourceRef,
  integrationPermissionRules,
} from './permissions/rules';
export { integrationHealthModuleMockFiles } from './modules/mockFiles/module';
export { integrationHealthModulePactBroker } from './modules/pactBroker/module';
