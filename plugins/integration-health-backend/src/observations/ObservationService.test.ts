import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ObservationSource } from '@integration-health/plugin-integration-health-node';
import { createStores } from '../database/createStores';
import { toEntitySummary } from '../integrations/sync/catalogSnapshot';
import { entity } from '../testUtils/entities';
import { ObservationService } from './ObservationService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const entities = [
  entity('component:default/intake'),
  entity('component:default/validation'),
];
const snapshot = {
  entities: new Map(
    entities.map(e => [toEntitySummary(e).ref, toEntitySummary(e)]),
  ),
};
const at = (hour: number) => new Date(Date.UTC(2026, 11, 3, hour));
const window = (hour: number) => ({
  windowStart: at(hour - 1).toISOString(),
  windowEnd: at(hour).toISOString(),
});

describe.each(databases.eachSupportedId())(
  'ObservationService on %s',
  databaseId => {
    async function setup(source: ObservationSource) {
      const knex = await databases.init(databaseId);
      const stores = await createStores(mockServices.database({ knex }));
      const service = new ObservationService({
        sources: [source],
        store: stores.observationStore,
        sourceStore: stores.observationSourceStore,
        integrationStore: stores.integrationStore,
        catalog: catalogServiceMock({ entities }),
        permissions: mockServices.permissions(),
        config: {
          sourceTimeoutSeconds: 1,
          notObservedDays: 14,
          retentionDays: 30,
        },
        logger: mockServices.logger.mock(),
      });
      return { service, stores };
    }

    it('keeps what a source saw before when it fails, times out or answers garbage, and says it is stale', async () => {
      const answers: Array<() => Promise<unknown>> = [
        async () => ({
          ...window(10),
          calls: [{ client: 'intake', server: 'validation', calls: 120 }],
        }),
        async () => {
          throw new Error('jaeger answered 500');
        },
        () => new Promise(() => {}), // hangs
        async () => ({ data: [{ parent: 'intake' }] }),
      ];
      let next = 0;
      const { service, stores } = await setup({
        id: 'jaeger',
        collect: () => answers[next++]() as any,
      });
      expect(await service.sync(snapshot, at(10))).toEqual({
        recorded: 1,
        errors: [],
      });
      const failures = [];
      for (const hour of [11, 12, 13]) {
        const { errors } = await service.sync(snapshot, at(hour));
        failures.push(errors.map(e => e.message));
      }
      expect(failures).toEqual([
        [
          'Observation source jaeger failed: jaeger answered 500; what it saw before is kept',
        ],
        [
          'Observation source jaeger failed: no answer within 1 s; what it saw before is kept',
        ],
        [
          'Observation source jaeger failed: windowStart and windowEnd must be ISO 8601 times, the start not after the end; what it saw before is kept',
        ],
      ]);
      expect(await stores.observationStore.listInvolving(['intake'])).toEqual([
        expect.objectContaining({
          source: 'jaeger',
          client: 'intake',
          server: 'validation',
          calls: 120,
          lastSeenAt: at(10).toISOString(),
        }),
      ]);
      expect(await service.listSources()).toEqual([
        expect.objectContaining({
          source: 'jaeger',
          stale: true,
          lastSuccessAt: at(10).toISOString(),
        }),
      ]);
    });

    it('keeps when an edge was first and last seen, forgets it after the retention, and maps names to entities', async () => {
      const calls = [
        [{ client: 'intake', server: 'validation', calls: 5 }],
        [{ client: 'intake', server: 'validation', calls: 0 }],
        [],
      ];
      let hour = 10;
      const { service, stores } = await setup({
        id: 'prometheus',
        collect: async () => ({ ...window(hour), calls: calls.shift()! }),
      });
      await service.sync(snapshot, at(hour));
      hour = 11;
      await service.sync(snapshot, at(hour));
      expect(
        await stores.observationStore.listInvolving(['validation']),
      ).toEqual([
        expect.objectContaining({
          calls: 0,
          firstSeenAt: at(10).toISOString(),
          lastSeenAt: at(10).toISOString(),
          windowEnd: at(11).toISOString(),
        }),
      ]);
      // 31 days later the source no longer reports it: forgotten.
      hour = 10 + 31 * 24;
      await service.sync(snapshot, at(hour));
      expect(
        await stores.observationStore.listInvolving(['validation']),
      ).toEqual([]);
      expect(
        await stores.observationStore.namesOf('component:default/intake'),
      ).toEqual(['intake']);
      expect(
        await stores.observationStore.refsOfNames(['validation', 'unknown']),
      ).toEqual(new Map([['validation', ['component:default/validation']]]));
    });

    it("replaces the names of entities the catalog announced, leaving the others'", async () => {
      const { service, stores } = await setup({
        id: 'jaeger',
        collect: async () => ({ ...window(10), calls: [] }),
      });
      await service.sync(snapshot, at(10));
      const renamed = entity('component:default/intake');
      renamed.metadata.annotations = {
        'integration-health.io/telemetry-service': 'intake-api, intake-worker',
      };
      const summary = toEntitySummary(renamed);
      await service.syncNamesOf(
        ['component:default/intake', 'component:default/gone'],
        { entities: new Map([[summary.ref, summary]]) },
      );
      expect(
        await stores.observationStore.namesOf('component:default/intake'),
      ).toEqual(['intake-api', 'intake-worker']);
      expect(
        await stores.observationStore.namesOf('component:default/validation'),
      ).toEqual(['validation']);
    });
  },
);
