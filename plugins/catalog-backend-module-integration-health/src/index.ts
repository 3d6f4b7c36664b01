/**
 * Catalog backend module that publishes an event when an entity's relations,
 * API definition or annotations change, so that Integration Health syncs it
 * within seconds instead of at its next scheduled run.
 *
 * @packageDocumentation
 */
export { catalogModuleIntegrationHealthChanges as default } from './module';
export { IntegrationChangeProcessor } from './IntegrationChangeProcessor';
