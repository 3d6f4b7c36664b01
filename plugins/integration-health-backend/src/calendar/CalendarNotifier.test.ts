import { ConfigReader } from '@backstage/config';
import { AppLinks } from '../appLinks';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { CalendarEntry } from '@integration-health/plugin-integration-health-common';
import { CalendarNotifier } from './CalendarNotifier';
import { CalendarService } from './CalendarService';
import { createStores } from '../database/createStores';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const DAY = 86_400_000;
const now = new Date('2026-11-22T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();

function entry(overrides: Partial<CalendarEntry> = {}): CalendarEntry {
  return {
    id: 'e1',
    origin: 'announced',
    apiRef: 'api:default/transaction-events',
    title: 'accountId becomes accountRef',
    operations: [],
    changes: [],
    effectiveAt: at(20),
    acknowledgeBy: at(20),
    sequence: 0,
    revision: 0,
    scopeRevision: 0,
    createdAt: at(0),
    updatedAt: at(0),
    providerOwnerRefs: ['group:default/payments'],
    consumers: [
      {
        consumerRef: 'component:default/ledger',
        consumerOwnerRef: 'group:default/ledger',
        integrationId: 'i1',
        state: 'pending',
      },
    ],
    ...overrides,
  };
}

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const calendarStore = (await createStores(mockServices.database({ knex })))
    .calendarStore;
  const sent: any[] = [];
  let entries: CalendarEntry[] = [];
  const notifier = new CalendarNotifier({
    calendarService: {
      list: async () => entries,
    } as unknown as CalendarService,
    calendarStore,
    notifications: { send: async (n: any) => void sent.push(n) },
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    reminderDays: [14, 7, 1],
    links: AppLinks.fromConfig(new ConfigReader({})),
  });
  const sweep = async (list: CalendarEntry[], when = now) => {
    entries = list;
    sent.length = 0;
    await notifier.sweep(when);
    return sent.map(n => [
      n.recipients.entityRef.join(','),
      n.payload.title,
      n.payload.scope,
      n.payload.severity,
    ]);
  };
  return { sweep };
}

describe('CalendarNotifier', () => {
  it("tells the consumer's owners once, again when the date moves, under one scope per entry and consumer", async () => {
    const { sweep } = await setup();
    const scope = 'integration-health:calendar:e1:component:default/ledger';
    expect(await sweep([entry()])).toEqual([
      [
        'group:default/ledger',
        'Breaking change for ledger: transaction-events: accountId becomes accountRef',
        scope,
        'normal',
      ],
    ]);
    expect(await sweep([entry()])).toEqual([]);
    const moved = entry({
      effectiveAt: at(30),
      acknowledgeBy: at(30),
      sequence: 1,
    });
    expect(await sweep([moved])).toEqual([
      [
        'group:default/ledger',
        expect.stringMatching(/^Breaking change/),
        scope,
        'normal',
      ],
    ]);
  });

  it("asks the consumer's owners once to acknowledge again when an edit invalidated their acknowledgement, as the scope's last message", async () => {
    const { sweep } = await setup();
    const scope = 'integration-health:calendar:e1:component:default/ledger';
    const reopened = entry({
      sequence: 1,
      scopeRevision: 1,
      consumers: [
        {
          consumerRef: 'component:default/ledger',
          consumerOwnerRef: 'group:default/ledger',
          integrationId: 'i1',
          state: 'pending',
          needsReacknowledgement: true,
          previousAcknowledgement: {
            action: 'acknowledged',
            byRef: 'user:default/mei',
            at: at(-2),
            scopeRevision: 0,
          },
        },
      ],
    });
    const first = await sweep([reopened]);
    expect(first.at(-1)).toEqual([
      'group:default/ledger',
      'Acknowledge again for ledger: transaction-events: accountId becomes accountRef',
      scope,
      'high',
    ]);
    expect(await sweep([reopened])).toEqual([]);
  });

  it('reminds at the nearest lead time only, and not again', async () => {
    const { sweep } = await setup();
    await sweep([entry()]);
    // 6 days left: the 7-day reminder, not the 14-day one as well.
    const soon = new Date(now.getTime() + 14 * DAY);
    expect(await sweep([entry()], soon)).toEqual([
      [
        'group:default/ledger',
        'Reminder: transaction-events: accountId becomes accountRef',
        expect.any(String),
        'normal',
      ],
    ]);
    expect(await sweep([entry()], soon)).toEqual([]);
    expect(
      (await sweep([entry()], new Date(now.getTime() + 19.5 * DAY)))[0][1],
    ).toMatch(/^Reminder/);
  });

  it('tells both sides when a consumer is overdue, and the provider when everyone acknowledged', async () => {
    const { sweep } = await setup();
    const overdue = entry({
      consumers: [{ ...entry().consumers[0], state: 'overdue' }],
    });
    expect(await sweep([overdue])).toEqual([
      [
        'group:default/ledger',
        expect.stringMatching(/^Breaking change/),
        expect.any(String),
        'normal',
      ],
      [
        'group:default/ledger',
        'Overdue: transaction-events: accountId becomes accountRef',
        expect.any(String),
        'high',
      ],
      [
        'group:default/payments',
        'Overdue: transaction-events: accountId becomes accountRef',
        'integration-health:calendar:e1:provider',
        'high',
      ],
    ]);
    const acknowledged = entry({
      consumers: [{ ...entry().consumers[0], state: 'acknowledged' }],
    });
    expect(await sweep([acknowledged])).toEqual([
      [
        'group:default/payments',
        'All consumers acknowledged: transaction-events: accountId becomes accountRef',
        expect.any(String),
        'normal',
      ],
    ]);
  });

  it('tells consumers when an entry is cancelled', async () => {
    const { sweep } = await setup();
    await sweep([entry()]);
    expect(await sweep([entry({ cancelledAt: at(0), sequence: 1 })])).toEqual([
      [
        'group:default/ledger',
        'Cancelled: transaction-events: accountId becomes accountRef',
        expect.any(String),
        'normal',
      ],
    ]);
  });
});
