import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Integration } from '@integration-health/plugin-integration-health-common';
import { IntegrationStore } from './IntegrationStore';

const VISIBILITY_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/**
 * What the caller may read, asked of the catalog with the caller's own
 * credentials, so that its permission policy decides.
 */
export class CatalogVisibility {
  constructor(private readonly catalog: CatalogService) {}

  /** Throws NotFoundError for an entity the caller cannot read (or that does not exist). */
  async assertVisible(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
  }

  /** The refs among these that the caller can read. */
  async visibleRefs(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const refs = [...new Set(entityRefs)];
    if (refs.length === 0) {
      return new Set();
    }
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: VISIBILITY_FIELDS },
      { credentials },
    );
    return new Set(refs.filter((_, index) => items[index]));
  }

  /** The integrations whose consumer, provider and API the caller can all read. */
  async visibleIntegrations(
    integrations: Integration[],
    credentials: BackstageCredentials,
  ): Promise<Integration[]> {
    const visible = await this.visibleRefs(
      integrations.flatMap(i => [
        i.consumerRef,
        i.providerRef,
        ...(i.apiRef ? [i.apiRef] : []),
      ]),
      credentials,
    );
    return integrations.filter(
      i =>
        visible.has(i.consumerRef) &&
        visible.has(i.providerRef) &&
        (!i.apiRef || visible.has(i.apiRef)),
    );
  }

  /**
   * One stored integration, when the caller can read every entity it names;
   * NotFoundError otherwise, so that a hidden one looks like a missing one.
   */
  async getVisibleIntegration(
    store: Pick<IntegrationStore, 'getByIds'>,
    integrationId: string,
    credentials: BackstageCredentials,
  ): Promise<Integration> {
    const found = await store.getByIds([integrationId]);
    const [visible] = await this.visibleIntegrations(found, credentials);
    if (!visible) {
      throw new NotFoundError(`No integration ${integrationId}`);
    }
    return visible;
  }
}
