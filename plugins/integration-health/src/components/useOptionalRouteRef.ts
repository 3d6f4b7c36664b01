import { RouteRef, useRouteRef } from '@backstage/core-plugin-api';

/**
 * A link to one of the plugin's pages, or undefined when the app does not
 * mount it (a legacy app may leave out a page): the caller then shows text.
 */
export function useOptionalRouteRef(routeRef: RouteRef<undefined>) {
  try {
    return useRouteRef(routeRef);
  } catch {
    return undefined;
  }
}
