import {
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import {
  CATALOG_CHANGES_TOPIC,
  CatalogChangeEvent,
  catalogChangeFingerprint,
} from '@integration-health/plugin-integration-health-node';
import { catalogModuleIntegrationHealthChanges } from './module';

jest.setTimeout(60_000);

const location = 'url:https://example.com/catalog-info.yaml';
const entity = (kind: string, name: string, spec: JsonObject): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    annotations: {
      'backstage.io/managed-by-location': location,
      'backstage.io/managed-by-origin-location': location,
    },
  },
  spec,
});

const team = entity('Group', 'team-a', { type: 'team', children: [] });
const ledger = entity('API', 'ledger-api', {
  type: 'openapi',
  lifecycle: 'production',
  owner: 'team-a',
  definition:
    'openapi: 3.0.3\ninfo: { title: Ledger, version: 1.0.0 }\npaths: {}\n',
});
const payments = entity('Component', 'payments', {
  type: 'service',
  lifecycle: 'production',
  owner: 'team-a',
});
const someone = entity('User', 'someone', { memberOf: ['team-a'] });

async function waitFor(condition: () => boolean, timeoutMs = 20_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 100));
  }
}

describe('IntegrationChangeProcessor in a real catalog backend', () => {
  it('announces each change once, with the fingerprint of what the catalog then serves, and stays quiet while the catalog reprocesses unchanged entities', async () => {
    let connection: EntityProviderConnection | undefined;
    const apply = (entities: Entity[]) =>
      connection!.applyMutation({
        type: 'full',
        entities: entities.map(e => ({ entity: e, locationKey: 'test' })),
      });
    const received: CatalogChangeEvent[] = [];

    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        // One in-process bus for every plugin, as in a backend.
        eventsServiceFactory,
        catalogModuleIntegrationHealthChanges,
        createBackendModule({
          pluginId: 'catalog',
          moduleId: 'test-provider',
          register(env) {
            env.registerInit({
              deps: { catalog: catalogProcessingExtensionPoint },
              async init({ catalog }) {
                catalog.addEntityProvider({
                  getProviderName: () => 'test-provider',
                  connect: async c => {
                    connection = c;
                  },
                });
              },
            });
          },
        }),
        createBackendPlugin({
          pluginId: 'listener',
          register(env) {
            env.registerInit({
              deps: { events: eventsServiceRef },
              async init({ events }) {
                await events.subscribe({
                  id: 'listener',
                  topics: [CATALOG_CHANGES_TOPIC],
                  onEvent: async event => {
                    received.push(event.eventPayload as CatalogChangeEvent);
                  },
                });
              },
            });
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            catalog: { processingInterval: { seconds: 1 } },
          },
        }),
      ],
    });
    // Announcements are at least once: a catalog under load may process an
    // entity twice at once before either stored the fingerprint, and then
    // both announce the same one, which listeners take as one change.
    const distinct = () => [
      ...new Map(
        received.map(e => [`${e.entityRef} ${e.fingerprint}`, e]),
      ).values(),
    ];
    try {
      await waitFor(() => connection !== undefined);
      await apply([team, ledger, payments, someone]);
      await waitFor(() => distinct().length >= 3);
      expect(
        distinct()
          .map(e => e.entityRef)
          .sort(),
      ).toEqual([
        'api:default/ledger-api',
        'component:default/payments',
        'group:default/team-a',
      ]);

      // The catalog processes every entity again each second: nothing changed.
      await new Promise(r => setTimeout(r, 4_000));
      expect(distinct()).toHaveLength(3);

      // The consumer starts consuming the API: one change, for it alone.
      const consuming = {
        ...payments,
        spec: { ...payments.spec, consumesApis: ['ledger-api'] },
      };
      await apply([team, ledger, consuming, someone]);
      await waitFor(() => distinct().length >= 4);
      await new Promise(r => setTimeout(r, 3_000));
      expect(distinct().slice(3)).toEqual([
        {
          entityRef: 'component:default/payments',
          fingerprint: expect.any(String),
        },
      ]);
      // Once stitched, what the catalog serves has the announced fingerprint.
      let served: Entity | undefined;
      for (let attempt = 0; attempt < 100; attempt++) {
        const res = await request(backend.server)
          .get('/api/catalog/entities/by-name/component/default/payments')
          .set('Authorization', mockCredentials.user.header());
        served = res.body;
        if (served?.relations?.some(r => r.type === 'consumesApi')) break;
        await new Promise(r => setTimeout(r, 200));
      }
      expect(catalogChangeFingerprint(served!)).toBe(distinct()[3].fingerprint);
    } finally {
      await backend.stop();
    }
  });
});
