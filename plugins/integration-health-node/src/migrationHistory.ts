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

/**
 * An integration's scores on a day before Integration Health first ran, as
 * recorded elsewhere (a demo). Days recorded this way fill the daily
 * snapshots and the rollups the trends read; they never replace a day the
 * plugin computed itself.
 *
 * @public
 */
export type HealthHistorySeed = {
  /** YYYY-MM-DD, before today. */
  day: string;
  integrations: {
    consumerRef: string;
    providerRef: string;
    apiRef?: string;
    contract?: number;
    mock?: number;
  }[];
};

/**
 * Lets a module hand over daily health recorded before the plugin first ran.
 *
 * @public
 */
export interface IntegrationHealthHealthHistoryExtensionPoint {
  /** Adds a loader of seeds; the plugin calls it after its first full sync. */
  addSeeds(load: () => Promise<HealthHistorySeed[]>): void;
}

/**
 * The extension point that hands earlier daily health to the Integration
 * Health backend.
 *
 * @public
 */
export const integrationHealthHealthHistoryExtensionPoint =
  createExtensionPoint<IntegrationHealthHealthHistoryExtensionPoint>({
    id: 'integration-health.health-history',
  });
