import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  DEFAULT_SCORE_CONFIG,
  Integration,
} from '@integration-health/plugin-integration-health-common';
import { Knex } from 'knex';
import { createStores } from '../../database/createStores';
import { ScoreService } from './ScoreService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const integration = (
  consumer: string,
  provider: string,
  apiRef?: string,
): Integration => ({
  id: `${consumer}-${provider}-${apiRef ?? ''}`,
  consumerRef: `component:default/${consumer}`,
  providerRef: `component:default/${provider}`,
  apiRef,
  kind: 'http',
  sources: ['consumesApi', 'providesApi'],
  findings: [],
  firstSeenAt: '2026-11-01T00:00:00.000Z',
  lastSeenAt: '2026-11-01T00:00:00.000Z',
});

const intake = integration('intake', 'ledger', 'api:default/ledger');
const reports = integration('reports', 'ledger', 'api:default/ledger');
// Two APIs between the same pair: each is the other's sibling.
const gatewayEvents = integration('gateway', 'bus', 'api:default/events');
const gatewayAdmin = integration('gateway', 'bus', 'api:default/bus-admin');
const mocked = integration('web', 'bff');
const all = [intake, reports, gatewayEvents, gatewayAdmin, mocked];

async function setUp(knex: Knex) {
  const stores = await createStores(mockServices.database({ knex }));
  const service = () =>
    new ScoreService({
      ...stores,
      specs: {} as any,
      config: DEFAULT_SCORE_CONFIG,
    });
  let version = 0;
  const addVersion = async (apiRef: string) => {
    const previous = (await stores.specStore.getStates([apiRef])).get(
      apiRef,
    )?.currentVersionId;
    version++;
    await stores.specStore.recordVersion({
      apiRef,
      definition: `v${version}`,
      contentHash: `${apiRef}-${version}`,
      versionLabel: `1.${version}.0`,
      observedAt: new Date(Date.UTC(2026, 10, 1) + version * 60_000),
      source: 'catalog',
      previousVersionId: previous,
      changes: [],
    });
  };
  const verify = (i: Integration, providerVersion: string, at: string) =>
    stores.evidenceStore.addVerification(
      i.id,
      {
        source: 'pact-broker',
        result: 'passed',
        providerVersion,
        verifiedAt: at,
      },
      new Date(at),
    );
  const mocks = (content: unknown) =>
    stores.mockStore.replaceMocks(
      'files',
      [
        {
          integrationId: mocked.id,
          documents: [{ name: 'orders.json', format: 'wiremock', content }],
        },
      ],
      { removeOthers: true, collectedAt: new Date() },
    );
  for (const api of ['api:default/ledger', 'api:default/events']) {
    await addVersion(api);
  }
  await addVersion('api:default/bus-admin');
  for (const i of [intake, reports, gatewayEvents, gatewayAdmin]) {
    await verify(i, '1.1.0', '2026-11-28T10:00:00.000Z');
  }
  await mocks({ mappings: [{ request: { method: 'GET', url: '/orders' } }] });
  return { stores, service, addVersion, verify, mocks };
}

describe.each(databases.eachSupportedId())(
  'ScoreService.computeChanged on %s',
  databaseId => {
    it('scores only the integrations whose inputs changed, all of them once a day, and the same as scoring all', async () => {
      const knex = await databases.init(databaseId);
      const { stores, service, addVersion, verify, mocks } = await setUp(knex);
      const scores = service();
      const computeAll = jest.spyOn(scores, 'computeAll');
      const scored = () =>
        computeAll.mock.calls
          .at(-1)![0]
          .map(i => i.id)
          .sort();
      const morning = new Date('2026-12-01T08:00:00Z');

      // Nothing scored yet: all of them.
      expect(await scores.computeChanged(all, morning)).toMatchObject({
        scored: 5,
        unchanged: 0,
      });

      // Nothing changed: none, and nothing read beyond the stamps.
      const reads = jest.spyOn(stores.evidenceStore, 'latestVerifications');
      expect(
        await scores.computeChanged(all, new Date('2026-12-01T08:30:00Z')),
      ).toEqual({ scored: 0, unchanged: 5, changed: [], errors: [] });
      expect(scored()).toEqual([]);
      expect(reads).not.toHaveBeenCalled();

      // New evidence for one integration: that one.
      await verify(intake, '1.1.0', '2026-12-01T08:40:00.000Z');
      await scores.computeChanged(all, new Date('2026-12-01T09:00:00Z'));
      expect(scored()).toEqual([intake.id]);

      // Mocks collected again with the same content: none; changed: that one.
      await mocks({
        mappings: [{ request: { method: 'GET', url: '/orders' } }],
      });
      await scores.computeChanged(all, new Date('2026-12-01T09:30:00Z'));
      expect(scored()).toEqual([]);
      await mocks({
        mappings: [{ request: { method: 'POST', url: '/orders' } }],
      });
      await scores.computeChanged(all, new Date('2026-12-01T10:00:00Z'));
      expect(scored()).toEqual([mocked.id]);

      // A new spec version: that API's consumers, and the sibling that
      // judges its mocks by it too.
      await addVersion('api:default/ledger');
      await addVersion('api:default/bus-admin');
      await scores.computeChanged(all, new Date('2026-12-01T10:30:00Z'));
      expect(scored()).toEqual(
        [intake.id, reports.id, gatewayEvents.id, gatewayAdmin.id].sort(),
      );

      // One of the pair goes: its sibling's inputs changed.
      const remaining = all.filter(i => i !== gatewayAdmin);
      await scores.computeChanged(remaining, new Date('2026-12-01T11:00:00Z'));
      expect(scored()).toEqual([gatewayEvents.id]);

      // A restarted backend goes on from the stored keys.
      const restarted = service();
      const restartedAll = jest.spyOn(restarted, 'computeAll');
      await restarted.computeChanged(
        remaining,
        new Date('2026-12-01T11:30:00Z'),
      );
      expect(restartedAll.mock.calls[0][0]).toEqual([]);

      // A score computed outside a sync (pushed evidence) has no key: it is
      // computed again once.
      await restarted.compute(reports, new Date('2026-12-01T11:40:00Z'));
      await restarted.computeChanged(
        remaining,
        new Date('2026-12-01T12:00:00Z'),
      );
      expect(restartedAll.mock.calls[1][0].map(i => i.id)).toEqual([
        reports.id,
      ]);

      // The next day: all of them (age moves scores).
      const nextDay = new Date('2026-12-02T00:05:00Z');
      expect(await restarted.computeChanged(remaining, nextDay)).toMatchObject({
        scored: 4,
        unchanged: 0,
      });

      // What is stored equals scoring everything from scratch.
      const incremental = await stores.scoreStore.getScores(
        remaining.map(i => i.id),
      );
      await restarted.computeAll(remaining, nextDay);
      expect(
        await stores.scoreStore.getScores(remaining.map(i => i.id)),
      ).toEqual(incremental);
    });

    it('notes for the rollups only the integrations whose score values changed', async () => {
      const knex = await databases.init(databaseId);
      const { stores, service, verify } = await setUp(knex);
      const scores = service();
      await scores.computeChanged(all, new Date('2026-12-01T08:00:00Z'));
      const first = await stores.scoreStore.listScoreChanges();
      expect(first.integrationIds.sort()).toEqual(all.map(i => i.id).sort());
      await stores.scoreStore.clearScoreChanges(first.marks);

      // Recomputed with the same values: nothing noted.
      await scores.computeAll(all, new Date('2026-12-01T09:00:00Z'));
      expect((await stores.scoreStore.listScoreChanges()).marks).toEqual([]);

      // A failed verification moves intake's contract score.
      await stores.evidenceStore.addVerification(
        intake.id,
        {
          source: 'pact-broker',
          result: 'failed',
          providerVersion: '1.1.0',
          verifiedAt: '2026-12-01T09:30:00.000Z',
        },
        new Date(),
      );
      await verify(reports, '1.1.0', '2026-11-28T10:00:00.000Z');
      await scores.computeChanged(all, new Date('2026-12-01T10:00:00Z'));
      expect(
        (await stores.scoreStore.listScoreChanges()).integrationIds,
      ).toEqual([intake.id]);
    });
  },
);
