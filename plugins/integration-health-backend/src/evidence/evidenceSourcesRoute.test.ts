import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { integrationHealthEvidenceExtensionPoint } from '@integration-health/plugin-integration-health-node';
import request from 'supertest';
import { integrationHealthPlugin } from '../plugin';
import { paymentsCatalog } from '../testUtils/entities';

jest.setTimeout(30_000);

const FAILURE =
  'GET https://broker.internal.example.com/pacts/latest?token=s3cr3t answered 500; cache /var/lib/backstage/pacts/x.json unreadable';

const failingSource = createBackendModule({
  pluginId: 'integration-health',
  moduleId: 'failing-source',
  register(env) {
    env.registerInit({
      deps: { evidence: integrationHealthEvidenceExtensionPoint },
      async init({ evidence }) {
        evidence.addSource({
          id: 'broker',
          async collect() {
            throw new Error(FAILURE);
          },
        });
      },
    });
  },
});

describe('GET /v1/evidence-sources', () => {
  it('says which source is stale and since when, with a reason that names no URL path, query string or file path', async () => {
    const backend = await startTestBackend({
      features: [
        integrationHealthPlugin,
        failingSource,
        catalogServiceMock.factory({ entities: paymentsCatalog() }),
        mockServices.rootConfig.factory({
          data: {
            integrationHealth: {
              sync: {
                schedule: {
                  frequency: { hours: 1 },
                  timeout: { minutes: 1 },
                },
              },
            },
          },
        }),
      ],
    });
    try {
      let items: any[] = [];
      for (let i = 0; i < 100 && items.length === 0; i++) {
        const res = await request(backend.server)
          .get('/api/integration-health/v1/evidence-sources')
          .set('Authorization', mockCredentials.user.header());
        expect(res.status).toBe(200);
        items = res.body.items;
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      expect(items).toEqual([
        expect.objectContaining({ source: 'broker', stale: true }),
      ]);
      const reason = items[0].lastError as string;
      expect(reason).toContain('https://broker.internal.example.com/…');
      expect(reason).toContain('…/x.json unreadable');
      expect(reason).not.toContain('s3cr3t');
      expect(reason).not.toContain('/pacts/latest');
      expect(reason).not.toContain('/var/lib/backstage');
    } finally {
      await backend.stop();
    }
  });
});
