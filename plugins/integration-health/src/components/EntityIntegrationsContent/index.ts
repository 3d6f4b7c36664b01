export { EntityIntegrationsContent } from './EntityIntegrationsContent';
