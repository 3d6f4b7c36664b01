/**
 * Integration Health evidence from a Pact Broker or PactFlow: pacts, verifications and the production pair.
 *
 * @packageDocumentation
 */
export { integrationHealthModulePactBroker as default } from './module';
