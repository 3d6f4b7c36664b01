export { integrationHealthApiRef } from './IntegrationHealthApi';
export type { IntegrationHealthApi } from './IntegrationHealthApi';
export { IntegrationHealthClient } from './IntegrationHealthClient';
