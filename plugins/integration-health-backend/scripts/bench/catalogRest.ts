import { Entity } from '@backstage/catalog-model';

/**
 * The catalog's REST API as a browser or another service calls it, over
 * HTTP, with a token the test backend's mock auth accepts.
 */
export function catalogRest(baseUrl: string, token = 'mock-user-token') {
  const get = async (path: string) => {
    const response = await fetch(`${baseUrl}/api/catalog${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (response.status === 404) return undefined;
    if (!response.ok) {
      throw new Error(`GET ${path} answered ${response.status}`);
    }
    return response.json();
  };
  return {
    /** How many entities match a filter (`kind=API,relations.apiProvidedBy`). */
    async count(filter?: string): Promise<number> {
      const query = new URLSearchParams({ limit: '1' });
      if (filter) query.set('filter', filter);
      const body = await get(`/entities/by-query?${query}`);
      return body.totalItems;
    },
    async byName(
      kind: string,
      namespace: string,
      name: string,
    ): Promise<Entity | undefined> {
      return get(
        `/entities/by-name/${encodeURIComponent(kind)}/${encodeURIComponent(
          namespace,
        )}/${encodeURIComponent(name)}`,
      );
    },
    async byRefs(entityRefs: string[]): Promise<(Entity | null)[]> {
      const response = await fetch(`${baseUrl}/api/catalog/entities/by-refs`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ entityRefs }),
      });
      if (!response.ok) {
        throw new Error(`POST /entities/by-refs answered ${response.status}`);
      }
      return (await response.json()).items;
    },
  };
}

export type CatalogRest = ReturnType<typeof catalogRest>;
