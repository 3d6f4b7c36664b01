/**
 * The Integration Health backend plugin.
 *
 * @packageDocumentation
 */
export { integrationHealthPlugin as default } from './plugin';
