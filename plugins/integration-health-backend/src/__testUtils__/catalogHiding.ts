import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/** The in-memory catalog, hiding from each user the entities listed for them. */
export function catalogHiding(
  entities: Entity[],
  hiddenFrom: Record<string, string[]>,
) {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory() {
      const catalog = catalogServiceMock({ entities });
      const hides = (options: any, ref: string) =>
        hiddenFrom[
          options?.credentials?.principal?.userEntityRef ?? ''
        ]?.includes(ref) ?? false;
      const getEntityByRef = catalog.getEntityByRef.bind(catalog);
      const getEntitiesByRefs = catalog.getEntitiesByRefs.bind(catalog);
      catalog.getEntityByRef = async (ref, options: any) =>
        hides(options, String(ref)) ? undefined : getEntityByRef(ref, options);
      catalog.getEntitiesByRefs = async (req, options: any) => {
        const result = await getEntitiesByRefs(req, options);
        return {
          items: result.items.map((item, i) =>
            hides(options, req.entityRefs[i]) ? undefined : item,
          ),
        };
      };
      return catalog;
    },
  });
}
