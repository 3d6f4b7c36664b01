import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

const LOCATION_KEY = 'integration-health-bench';

/**
 * An entity provider the benchmark drives, as an organisation's own
 * provider would be: a full mutation for the whole synthetic catalog, a
 * delta mutation for a change. Installed in the catalog by the module.
 */
export function benchEntityProvider() {
  let connect: (connection: EntityProviderConnection) => void;
  const connected = new Promise<EntityProviderConnection>(resolve => {
    connect = resolve;
  });
  const provider: EntityProvider = {
    getProviderName: () => 'integration-health-bench',
    connect: async connection => connect(connection),
  };
  const deferred = (entities: Entity[]) =>
    entities.map(entity => ({ entity, locationKey: LOCATION_KEY }));
  return {
    module: createBackendModule({
      pluginId: 'catalog',
      moduleId: 'integration-health-bench-provider',
      register(env) {
        env.registerInit({
          deps: { processing: catalogProcessingExtensionPoint },
          async init({ processing }) {
            processing.addEntityProvider(provider);
          },
        });
      },
    }),
    async applyFull(entities: Entity[]) {
      await (
        await connected
      ).applyMutation({ type: 'full', entities: deferred(entities) });
    },
    async applyChanged(entities: Entity[]) {
      await (
        await connected
      ).applyMutation({
        type: 'delta',
        added: deferred(entities),
        removed: [],
      });
    },
  };
}
