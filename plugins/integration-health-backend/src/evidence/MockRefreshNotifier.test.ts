import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Integration } from '@integration-health/plugin-integration-health-common';
import { AppLinks } from '../appLinks';
import { createStores } from '../database/createStores';
import { MockRefreshNotifier } from './MockRefreshNotifier';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const ledger = {
  id: 'ledger-events',
  consumerRef: 'component:default/account-management-legacy',
  providerRef: 'component:default/transaction-processing',
  apiRef: 'api:default/transaction-events',
} as Integration;
const fresh = { ...ledger, id: 'fresh', consumerRef: 'component:default/web' };

describe.each(databases.eachSupportedId())(
  'MockRefreshNotifier on %s',
  databaseId => {
    it('tells a consumer once per spec version that its mocks no longer match, and where the refreshed ones are', async () => {
      const knex = await databases.init(databaseId);
      const { mockRefreshStore } = await createStores(
        mockServices.database({ knex }),
      );
      let current = { id: 'v2', versionLabel: '2.0.0' };
      const mock = (valid: number) => ({
        summary: `${2 - valid} of 2 mocks no longer match the spec ${
          current.versionLabel
        }: message transactions.booked: message lacks \`accountRef\`, which the current spec requires — refreshed mocks available`,
        inputs: { mocks: 2, validMocks: valid },
      });
      const scores = new Map([
        [ledger.id, { mock: mock(1) }],
        [fresh.id, { mock: mock(2) }],
      ]);
      const send = jest.fn();
      const notifier = new MockRefreshNotifier({
        refreshStore: mockRefreshStore,
        scoreStore: { getScores: async () => scores } as any,
        specStore: { listVersions: async () => [current] } as any,
        notifications: { send } as any,
        links: AppLinks.fromConfig(
          new ConfigReader({ app: { baseUrl: 'https://portal.example.com' } }),
        ),
        logger: mockServices.logger.mock(),
      });
      const now = new Date('2026-12-03T10:00:00Z');

      expect(await notifier.notify([ledger, fresh], now)).toBe(1);
      expect(send).toHaveBeenCalledWith({
        recipients: {
          type: 'entity',
          entityRef: 'component:default/account-management-legacy',
        },
        payload: expect.objectContaining({
          title: 'Mocks of transaction-events no longer match 2.0.0',
          description: expect.stringContaining(
            'message lacks `accountRef`, which the current spec requires',
          ),
          link: expect.stringContaining(
            '/catalog/default/component/account-management-legacy/integrations',
          ),
          scope: 'integration-health:mocks:ledger-events',
        }),
      });
      // The next sync says nothing new; a new version is told again.
      expect(await notifier.notify([ledger, fresh], now)).toBe(0);
      current = { id: 'v3', versionLabel: '3.0.0' };
      expect(await notifier.notify([ledger, fresh], now)).toBe(1);
      expect(send.mock.calls[1][0].payload.title).toBe(
        'Mocks of transaction-events no longer match 3.0.0',
      );
    });

    it('tries again at the next sync when the notification could not be sent', async () => {
      const knex = await databases.init(databaseId);
      const { mockRefreshStore } = await createStores(
        mockServices.database({ knex }),
      );
      const send = jest
        .fn()
        .mockRejectedValueOnce(new Error('notifications are down'))
        .mockResolvedValue(undefined);
      const notifier = new MockRefreshNotifier({
        refreshStore: mockRefreshStore,
        scoreStore: {
          getScores: async () =>
            new Map([
              [
                ledger.id,
                { mock: { summary: 'x', inputs: { mocks: 1, validMocks: 0 } } },
              ],
            ]),
        } as any,
        specStore: {
          listVersions: async () => [{ id: 'v2', versionLabel: '2.0.0' }],
        } as any,
        notifications: { send } as any,
        links: AppLinks.fromConfig(
          new ConfigReader({ app: { baseUrl: 'https://p' } }),
        ),
        logger: mockServices.logger.mock(),
      });
      expect(await notifier.notify([ledger], new Date())).toBe(0);
      expect(await notifier.notify([ledger], new Date())).toBe(1);
    });
  },
);
