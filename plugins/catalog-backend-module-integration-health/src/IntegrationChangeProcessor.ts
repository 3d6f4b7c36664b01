import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorCache,
} from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import {
  CATALOG_CHANGE_KINDS,
  CATALOG_CHANGES_TOPIC,
  CatalogChangeEvent,
  catalogChangeFingerprint,
} from '@integration-health/plugin-integration-health-node';

const CACHE_KEY = 'fingerprint';

/**
 * Publishes an entity on the Integration Health topic when what the plugin
 * reads of it changed since the catalog last processed it. The last
 * fingerprint published is kept in the processor's cache in the catalog's
 * database, so the catalog's regular reprocessing of unchanged entities
 * publishes nothing, across restarts and replicas. A publish that fails is
 * retried at the entity's next processing. Announcements are at least once:
 * a catalog under load may process one entity twice at once, before either
 * stored the fingerprint, and both announce it; the same entity and
 * fingerprint twice are one change to a listener.
 *
 * @public
 */
export class IntegrationChangeProcessor implements CatalogProcessor {
  constructor(
    private readonly options: { events: EventsService; logger: LoggerService },
  ) {}

  /** The name its cache is kept under in the catalog's database. */
  getProcessorName(): string {
    return 'IntegrationHealthChangeProcessor';
  }

  /** After the built-in processors: it reads, never changes, the entity. */
  getPriority(): number {
    return 1000;
  }

  /** Publishes the entity when its fingerprint differs from the last one published. */
  async postProcessEntity(
    entity: Entity,
    _location: unknown,
    _emit: unknown,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    if (!CATALOG_CHANGE_KINDS.has(entity.kind.toLocaleLowerCase('en-US'))) {
      return entity;
    }
    const fingerprint = catalogChangeFingerprint(entity);
    if ((await cache.get<string>(CACHE_KEY)) === fingerprint) return entity;
    const eventPayload: CatalogChangeEvent = {
      entityRef: stringifyEntityRef(entity),
      fingerprint,
    };
    try {
      await this.options.events.publish({
        topic: CATALOG_CHANGES_TOPIC,
        eventPayload,
      });
      await cache.set(CACHE_KEY, fingerprint);
    } catch (error) {
      this.options.logger.warn(
        `Could not announce a change of ${eventPayload.entityRef} to Integration Health; it is retried at the entity's next processing`,
        { error: String(error) },
      );
    }
    return entity;
  }
}
