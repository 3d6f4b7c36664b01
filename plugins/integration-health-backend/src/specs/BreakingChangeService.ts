import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DetectedBreakingChange } from '@integration-health/plugin-integration-health-common';
import { IntegrationStore } from '../integrations/IntegrationStore';
import { SpecStore } from './SpecStore';
import { CatalogVisibility } from '../integrations/CatalogVisibility';

const LIMIT = 200;

/**
 * Breaking changes found in spec history, joined with the integrations that
 * reach them today: for an API, the changes in it and who consumes it; for a
 * component, the changes in the APIs it consumes.
 */
export class BreakingChangeService {
  private readonly visibility: CatalogVisibility;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      integrationStore: IntegrationStore;
      specStore: SpecStore;
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
  }

  async forEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<DetectedBreakingChange[]> {
    const { integrationStore, specStore } = this.options;
    await this.visibility.assertVisible(entityRef, credentials);
    const { upstream, downstream } = await integrationStore.listForEntity(
      entityRef,
    );
    const isApi = entityRef.startsWith('api:');
    const reaching = isApi ? downstream : upstream;
    const apiRefs = isApi
      ? [entityRef]
      : [...new Set(upstream.flatMap(i => (i.apiRef ? [i.apiRef] : [])))];
    const changes = await specStore.listBreakingChanges(apiRefs, LIMIT);

    const visible = await this.visibility.visibleRefs(
      [...apiRefs, ...reaching.map(i => i.consumerRef)],
      credentials,
    );

    return changes
      .filter(change => visible.has(change.apiRef))
      .map(change => ({
        apiRef: change.apiRef,
        versionId: change.versionId,
        versionLabel: change.versionLabel,
        detectedAt: change.observedAt,
        effectiveAt: change.sunset
          ? `${change.sunset}T00:00:00.000Z`
          : change.observedAt,
        ruleId: change.ruleId,
        level: change.level,
        location: change.location,
        message: change.message,
        fingerprint: change.fingerprint,
        sunset: change.sunset,
        consumers: reaching
          .filter(i => i.apiRef === change.apiRef && visible.has(i.consumerRef))
          .map(i => ({
            consumerRef: i.consumerRef,
            integrationId: i.id,
            consumerOwnerRef: i.consumerOwnerRef,
          })),
      }));
  }
}
