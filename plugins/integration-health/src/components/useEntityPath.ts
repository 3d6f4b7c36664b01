import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';

/** The path of an entity's catalog page, from its ref. */
export function useEntityPath() {
  const entityRoute = useRouteRef(entityRouteRef);
  return (ref: string) => {
    const { kind, namespace, name } = parseEntityRef(ref);
    return entityRoute({
      kind: kind.toLocaleLowerCase('en-US'),
      namespace,
      name,
    });
  };
}
