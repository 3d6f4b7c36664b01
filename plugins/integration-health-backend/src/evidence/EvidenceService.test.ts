import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createStores } from '../database/createStores';
import { ObservedIntegration } from '../integrations/IntegrationStore';
import { integrationPermissionRules } from '../permissions/rules';
import { integrationId } from '../integrations/IntegrationStore';
import { ScoreService } from './scores/ScoreService';
import { EvidenceService } from './EvidenceService';
import { SpecWorkerPool } from '../specs/worker/SpecWorkerPool';
import { ConfigReader } from '@backstage/config';
import { readScoreConfig } from '../config';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const seam: ObservedIntegration = {
  consumerRef: 'component:default/ledger',
  providerRef: 'component:default/processing',
  apiRef: 'api:default/transaction-events',
  kind: 'event',
  sources: ['consumesApi', 'providesApi'],
  consumerOwnerRef: 'group:default/ledger',
  providerOwnerRef: 'group:default/payments',
  findings: [],
};

describe.each(databases.eachSupportedId())(
  'EvidenceService on %s',
  databaseId => {
    it('refuses evidence for an integration that is gone, and stores none', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createStores(mockServices.database({ knex }));
      const specs = new SpecWorkerPool({ workers: 1 });
      const service = new EvidenceService({
        catalog: catalogServiceMock({ entities: [] }),
        permissions: mockServices.permissions({
          result: AuthorizeResult.ALLOW,
        }),
        ruleset: {
          getRuleByName: (name: string) =>
            Object.values(integrationPermissionRules).find(
              r => r.name === name,
            )!,
        } as any,
        registeredSourceIds: [],
        integrationStore: stores.integrationStore,
        evidenceStore: stores.evidenceStore,
        scoreStore: stores.scoreStore,
        mockStore: stores.mockStore,
        sourceStore: stores.sourceStore,
        scoreService: new ScoreService({
          evidenceStore: stores.evidenceStore,
          scoreStore: stores.scoreStore,
          mockStore: stores.mockStore,
          specStore: stores.specStore,
          specs,
          config: readScoreConfig(new ConfigReader({})),
        }),
      });
      const id = integrationId(seam.consumerRef, seam.providerRef, seam.apiRef);
      const push = { credentials: mockCredentials.service('external:ci') };
      const verification = {
        result: 'passed' as const,
        providerVersion: '1.0.0',
        verifiedAt: new Date().toISOString(),
      };

      await stores.integrationStore.replaceIntegrations([seam], new Date());
      const taken = await service.recordVerification(id, verification, push);
      expect(taken.contract?.evidence).toHaveLength(1);

      // The next sync no longer observes it: it is gone, and stays known.
      await stores.integrationStore.replaceIntegrations([], new Date());
      await expect(
        service.recordVerification(id, verification, push),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining('is gone'),
      });
      await expect(service.replaceMocks(id, [], push)).rejects.toMatchObject({
        name: 'ConflictError',
      });
      const [{ n }] = await knex('contract_verifications').count({ n: '*' });
      expect(Number(n)).toBe(1);
      await specs.close();
    });
  },
);
