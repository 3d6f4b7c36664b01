/**
 * Integration Health observations from Jaeger: which service called which, from its dependency links.
 *
 * @packageDocumentation
 */
export { integrationHealthModuleJaeger as default } from './module';
