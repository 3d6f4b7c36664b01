import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createStores } from '../database/createStores';
import {
  integrationId,
  ObservedIntegration,
} from '../integrations/IntegrationStore';
import { CatalogSnapshot } from '../integrations/sync/catalogSnapshot';
import { HealthHistoryService } from './HealthHistoryService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const LEDGER = 'group:default/ledger';
const PAYMENTS = 'group:default/payments';
const legacy = 'component:default/legacy';
const processing = 'component:default/processing';
const validation = 'component:default/validation';
const events = 'api:default/transaction-events';

const snapshot: CatalogSnapshot = {
  entities: new Map(
    [
      [legacy, LEDGER],
      [processing, PAYMENTS],
      [validation, PAYMENTS],
    ].map(([ref, owner]) => [
      ref,
      {
        ref,
        kind: 'component',
        namespace: 'default',
        ownerRef: owner,
        relations: [],
      },
    ]),
  ),
  groupRefs: new Set([LEDGER, PAYMENTS]),
  parentGroupOf: new Map(),
  domainOf: new Map(),
};

const integration = (
  consumer: string,
  provider: string,
  apiRef?: string,
): ObservedIntegration => ({
  consumerRef: consumer,
  providerRef: provider,
  apiRef,
  kind: 'http',
  sources: ['consumesApi', 'providesApi'],
  consumerOwnerRef: snapshot.entities.get(consumer)?.ownerRef,
  providerOwnerRef: snapshot.entities.get(provider)?.ownerRef,
  findings: [],
});

describe.each(databases.eachSupportedId())(
  'HealthHistoryService on %s',
  databaseId => {
    it('writes recorded days before today as snapshots and rollups, every current integration counted, and never replaces a computed day', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createStores(mockServices.database({ knex }));
      const current = [
        integration(legacy, processing, events),
        integration(processing, validation),
      ];
      await stores.integrationStore.replaceIntegrations(current, new Date());
      const ids = current.map(i =>
        integrationId(i.consumerRef, i.providerRef, i.apiRef),
      );
      // A day the plugin computed itself.
      await stores.rollupStore.saveDay('2026-12-01', [
        {
          subjectRef: LEDGER,
          integrations: 1,
          withEvidence: 1,
          withoutAccountableOwner: 1,
          contract: 55,
          asProvider: 0,
          asConsumer: 1,
        },
      ]);
      const service = new HealthHistoryService({
        seeds: [
          async () =>
            ['2026-11-30', '2026-12-01', '2026-12-03'].map(day => ({
              day,
              integrations: [
                {
                  consumerRef: legacy,
                  providerRef: processing,
                  apiRef: events,
                  mock: day === '2026-11-30' ? 100 : 19,
                },
                // Not a current integration: left out.
                { consumerRef: legacy, providerRef: validation, mock: 5 },
              ],
            })),
        ],
        integrationStore: stores.integrationStore,
        scoreStore: stores.scoreStore,
        rollupStore: stores.rollupStore,
      });
      const now = new Date('2026-12-03T10:00:00Z');
      expect(await service.applySeeds(ids, snapshot, now)).toBe(1);
      // Once per process.
      expect(await service.applySeeds(ids, snapshot, now)).toBe(0);

      expect(
        await stores.scoreStore.listSnapshots(ids[0], '2026-11-01'),
      ).toEqual([
        { day: '2026-11-30', mock: 100 },
        { day: '2026-12-01', mock: 19 },
      ]);
      const ledger = await stores.rollupStore.listDays(LEDGER, '2026-11-01');
      expect(ledger).toEqual([
        expect.objectContaining({
          day: '2026-11-30',
          mock: 100,
          integrations: 1,
          withEvidence: 1,
        }),
        // Computed by the plugin: kept as it was.
        expect.objectContaining({ day: '2026-12-01', contract: 55 }),
      ]);
      const payments = await stores.rollupStore.listDays(
        PAYMENTS,
        '2026-11-01',
      );
      // Both current integrations count, the unscored one without evidence.
      expect(payments).toEqual([
        expect.objectContaining({
          day: '2026-11-30',
          integrations: 2,
          withEvidence: 1,
        }),
      ]);
    });
  },
);
