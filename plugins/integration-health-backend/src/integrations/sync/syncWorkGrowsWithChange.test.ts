import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_SCORE_CONFIG } from '@integration-health/plugin-integration-health-common';
import { createStores } from '../../database/createStores';
import { ScoreService } from '../../evidence/scores/ScoreService';
import { RollupService } from '../../scorecard/RollupService';
import { SpecHistoryService } from '../../specs/SpecHistoryService';
import { SpecWorkerPool } from '../../specs/worker/SpecWorkerPool';
import { paymentsCatalog } from '../../testUtils/entities';
import { IntegrationSyncService } from './IntegrationSyncService';
import { CalendarService } from '../../calendar/CalendarService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const pools: SpecWorkerPool[] = [];
afterAll(() => Promise.all(pools.map(p => p.close())));

describe.each(databases.eachSupportedId())(
  'the scheduled sync on %s',
  databaseId => {
    beforeEach(() => {
      // Only the clock is fake: the runs happen within one UTC day.
      jest.useFakeTimers({
        now: new Date('2026-12-01T10:00:00Z'),
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'requestAnimationFrame',
          'cancelAnimationFrame',
          'requestIdleCallback',
          'cancelIdleCallback',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
    });
    afterEach(() => jest.useRealTimers());

    it('does no scoring, rollup or calendar work when nothing changed since its last run that day, and scores what a pipeline pushed in between', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createStores(mockServices.database({ knex }));
      const catalog = catalogServiceMock({ entities: paymentsCatalog() });
      const specs = new SpecWorkerPool();
      pools.push(specs);
      const logger = mockServices.logger.mock();
      const scoreService = new ScoreService({
        ...stores,
        specs,
        config: DEFAULT_SCORE_CONFIG,
      });
      const rollupService = new RollupService({ catalog, ...stores });
      const calendarService = new CalendarService({
        ...({} as any),
        integrationRuleset: { getRuleByName: () => undefined } as any,
        apiRuleset: { getRuleByName: () => undefined } as any,
        specStore: stores.specStore,
        calendarStore: stores.calendarStore,
        detectedGraceDays: 14,
      });
      const sync = new IntegrationSyncService({
        catalog,
        auth: mockServices.auth(),
        logger,
        ...stores,
        specHistory: new SpecHistoryService({
          specStore: stores.specStore,
          logger,
          maxDocumentBytes: 100_000,
          specs,
        }),
        evidenceStores: stores,
        scoreService,
        rollupService,
        calendarService,
        pageSize: 50,
      });
      const first = await sync.runOnce();
      expect(first.status).toBe('succeeded');
      // Evidence pushed from CI for every integration, then a run scores them.
      for (const id of await stores.integrationStore.activeIds()) {
        await stores.evidenceStore.addVerification(
          id,
          {
            source: 'ci',
            result: 'passed',
            providerVersion: '1.0.0',
            verifiedAt: '2026-11-30T10:00:00.000Z',
          },
          new Date(),
        );
      }
      jest.setSystemTime(new Date('2026-12-01T10:30:00Z'));
      const scored = await sync.runOnce();
      expect(scored.counts).toMatchObject({ integrationsScored: 4 });

      const computeAll = jest.spyOn(scoreService, 'computeAll');
      const snapshotChanged = jest.spyOn(rollupService, 'snapshotChanged');
      const calendarReads = jest.spyOn(
        stores.specStore,
        'listBreakingChangesOf',
      );
      const saveDay = jest.spyOn(stores.rollupStore, 'saveDay');
      const inputReads = jest.spyOn(stores.scoreStore, 'evidenceStamps');
      jest.setSystemTime(new Date('2026-12-01T11:00:00Z'));
      const noOp = await sync.runOnce();

      expect(noOp.counts).toMatchObject({
        integrations: 4,
        integrationsScored: 0,
        calendarEntriesAdded: 0,
        healthSubjects: scored.counts!.healthSubjects,
      });
      // Not even each integration's score inputs are read.
      expect(computeAll).not.toHaveBeenCalled();
      expect(inputReads).not.toHaveBeenCalled();
      expect(await snapshotChanged.mock.results[0].value).toMatchObject({
        recomputed: 0,
        written: 0,
      });
      expect(saveDay).not.toHaveBeenCalled();
      expect(calendarReads).not.toHaveBeenCalled();

      // A pipeline pushes a verification of one integration: the next run
      // scores that one.
      const [pushedTo] = await stores.integrationStore.activeIds();
      await stores.evidenceStore.addVerification(
        pushedTo,
        {
          source: 'ci',
          result: 'failed',
          providerVersion: '1.0.1',
          verifiedAt: '2026-12-01T11:10:00.000Z',
        },
        new Date(),
      );
      jest.setSystemTime(new Date('2026-12-01T11:30:00Z'));
      const afterPush = await sync.runOnce();
      expect(afterPush.counts).toMatchObject({ integrationsScored: 1 });

      // The next day's first run scores and rolls up everything again.
      jest.setSystemTime(new Date('2026-12-02T00:10:00Z'));
      const nextDay = await sync.runOnce();
      expect(nextDay.counts).toMatchObject({ integrationsScored: 4 });
      expect(await snapshotChanged.mock.results[2].value).toMatchObject({
        recomputed: scored.counts!.healthSubjects,
      });
    });
  },
);
