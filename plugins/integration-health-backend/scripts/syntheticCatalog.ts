import { Entity } from '@backstage/catalog-model';
import { entity } from '../src/testUtils/entities';

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same catalog. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An OpenAPI 3.0 definition with a few operations and one schema. */
export function openApiDefinition(
  name: string,
  version: string,
  options: { requiredField: string },
) {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: name, version },
    paths: {
      [`/${name}/items`]: {
        get: {
          responses: {
            '200': {
              description: 'The items',
              content: {
                'application/json': {
                  schema: {
                    type: 'array',
                    items: { $ref: '#/components/schemas/Item' },
                  },
                },
              },
            },
          },
        },
        post: {
          requestBody: {
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Item' },
              },
            },
          },
          responses: { '201': { description: 'Created' } },
        },
      },
      [`/${name}/items/{id}`]: {
        get: {
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              schema: { type: 'string' },
            },
          ],
          responses: {
            '200': {
              description: 'One item',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/Item' },
                },
              },
            },
            '404': { description: 'Not found' },
          },
        },
      },
    },
    components: {
      schemas: {
        Item: {
          type: 'object',
          required: ['id', options.requiredField],
          properties: {
            id: { type: 'string' },
            [options.requiredField]: { type: 'string' },
            amount: { type: 'number' },
            createdAt: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
  });
}

export type SyntheticCatalog = {
  entities: Entity[];
  groupRefs: string[];
  componentRefs: string[];
  apiRefs: string[];
};

/**
 * A large organisation: `groups` teams in a three-level hierarchy, `components` services in layers
 * (each calls APIs of the layers below it, so the graph is deep but acyclic),
 * a quarter of them providing an API, some depending on shared resources,
 * and most declaring an accountable owner.
 */
export function syntheticCatalog(options: {
  components: number;
  groups: number;
  seed?: number;
}): SyntheticCatalog {
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const LAYERS = 6;

  const groupRefs = Array.from(
    { length: options.groups },
    (_, i) => `group:default/team-${i}`,
  );
  // team-0 is the whole engineering organisation, teams 1–15 its
  // departments, every other team in one of them: scorecard rows roll up.
  const DEPARTMENTS = 15;
  const parentOf = (i: number) => {
    if (i === 0) return undefined;
    return i <= DEPARTMENTS ? groupRefs[0] : groupRefs[1 + (i % DEPARTMENTS)];
  };
  const entities: Entity[] = groupRefs.map((ref, i) => {
    const parent = parentOf(i);
    return entity(ref, parent ? { relations: { childOf: [parent] } } : {});
  });

  const resources = Array.from({ length: 50 }, (_, i) => ({
    ref: `resource:default/store-${i}`,
    owner: pick(groupRefs),
  }));
  for (const r of resources) {
    entities.push(entity(r.ref, { owner: r.owner, type: 'database' }));
  }

  const components = Array.from({ length: options.components }, (_, i) => ({
    ref: `component:default/svc-${i}`,
    name: `svc-${i}`,
    layer: i % LAYERS,
    owner: pick(groupRefs),
    api: i % 4 === 0 ? `api:default/svc-${i}-api` : undefined,
  }));
  const apisByLayer = Array.from({ length: LAYERS }, (_, layer) =>
    components.filter(c => c.api && c.layer === layer),
  );

  for (const c of components) {
    const below = apisByLayer.slice(c.layer + 1).flat();
    const consumes = new Set<string>();
    const count = below.length === 0 ? 0 : Math.floor(random() * 4);
    for (let n = 0; n < count; n++) consumes.add(pick(below).api!);
    const dependsOn = random() < 0.3 ? [pick(resources).ref] : [];
    entities.push(
      entity(c.ref, {
        owner: c.owner,
        accountableOwner:
          random() < 0.7 ? c.owner.replace('group:default/', '') : undefined,
        relations: {
          consumesApi: [...consumes],
          providesApi: c.api ? [c.api] : [],
          dependsOn,
        },
      }),
    );
    if (c.api) {
      const api = entity(c.api, {
        owner: c.owner,
        type: 'openapi',
        relations: { apiProvidedBy: [c.ref] },
      });
      (api.spec as { definition: string }).definition = openApiDefinition(
        c.name,
        '1.0.0',
        { requiredField: 'accountId' },
      );
      entities.push(api);
    }
  }

  return {
    entities,
    groupRefs,
    componentRefs: components.map(c => c.ref),
    apiRefs: components.flatMap(c => (c.api ? [c.api] : [])),
  };
}
