/**
 * Integration Health evidence from the pact files and WireMock mappings consumers declare with an annotation.
 *
 * @packageDocumentation
 */
export { integrationHealthModuleMockFiles as default } from './module';
