import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * Migrations a database resource had before Integration Health first read
 * them, with when each was applied. Recorded as history marked `recorded`:
 * they go on no calendar, and the migrations read after them do.
 *
 * @public
 */
export type MigrationHistorySeed = {
  resourceRef: string;
  migrations: { id: string; sql: string; appliedAt: Date }[];
};

/**
 * Lets a module hand over migration history recorded elsewhere (a
 * deployment log, a demo), before the first sync reads the resources'
 * migrations.
 *
 * @public
 */
export interface IntegrationHealthMigrationHistoryExtensionPoint {
  /** Adds a loader of seeds; the plugin calls it once as it starts. */
  addSeeds(load: () => Promise<MigrationHistorySeed[]>): void;
}

/**
 * The extension point that hands earlier migration history to the
 * Integration Health backend.
 *
 * @public
 */
export const integrationHealthMigrationHistoryExtensionPoint =
  createExtensionPoint<IntegrationHealthMigrationHistoryExtensionPoint>({
    id: 'integration-health.migration-history',
  });
