import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * A definition an API had before Integration Health first saw it, with the
 * date it was published. Recorded as spec history marked `seed`.
 *
 * @public
 */
export type SpecHistorySeed = {
  apiRef: string;
  definition: string;
  publishedAt: Date;
};

/**
 * Lets a module hand over spec history recorded elsewhere (a registry, a git
 * history, a demo), so that changes before the first sync are classified too.
 *
 * @public
 */
export interface IntegrationHealthSpecHistoryExtensionPoint {
  /** Adds a loader of seeds; the plugin calls it once as it starts. */
  addSeeds(load: () => Promise<SpecHistorySeed[]>): void;
}

/**
 * The extension point that hands earlier spec history to the Integration
 * Health backend.
 *
 * @public
 */
export const integrationHealthSpecHistoryExtensionPoint =
  createExtensionPoint<IntegrationHealthSpecHistoryExtensionPoint>({
    id: 'integration-health.spec-history',
  });
