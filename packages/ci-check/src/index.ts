/**
 * The Integration Health CI check: asks the portal whether a candidate spec
 * or database migration breaks consumers that have not acknowledged the change.
 *
 * @packageDocumentation
 */
export { main } from './cli';
export { formatResult } from './formatResult';
export { formatMigrationResult } from './formatMigrationResult';
