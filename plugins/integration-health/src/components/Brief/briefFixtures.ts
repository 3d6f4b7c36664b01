import { IntegrationBrief } from '@integration-health/plugin-integration-health-common';

const integrationId =
  'component:default/legacy-account-system→component:default/transaction-processing';

/**
 * The brief between ledger-engineering and payments-engineering after the
 * demo's incident: one integration, one incident triggered by an announced
 * change, one consumer that acknowledged late.
 */
export function ledgerPaymentsBrief(
  overrides: Partial<IntegrationBrief> = {},
): IntegrationBrief {
  return {
    subject: {
      kind: 'teams',
      teamRefs: [
        'group:default/ledger-engineering',
        'group:default/payments-engineering',
      ],
    },
    title: 'ledger-engineering ↔ payments-engineering',
    from: '2026-08-24',
    to: '2026-11-22',
    generatedAt: '2026-11-22T09:30:00Z',
    integrations: [
      {
        id: integrationId,
        consumerRef: 'component:default/legacy-account-system',
        providerRef: 'component:default/transaction-processing',
        apiRef: 'api:default/transaction-events',
        kind: 'event',
        consumerOwnerRef: 'group:default/ledger-engineering',
        providerOwnerRef: 'group:default/payments-engineering',
        accountableOwnerRef: 'group:default/payments-engineering',
        link: '/catalog/default/component/legacy-account-system/integrations',
      },
    ],
    incidents: [
      {
        id: 'inc-1',
        integrationId,
        title: 'Ledger postings rejected after the event schema change',
        occurredAt: '2026-11-18T14:05:00Z',
        resolvedAt: '2026-11-18T15:40:00Z',
        impact: {
          durationMinutes: 95,
          affectedTransactions: 1200,
          money: { amount: 48200.5, currency: 'EUR' },
        },
        trigger: {
          calendarEntryId: 'entry-7',
          calendarEntryTitle: 'transaction-events v3: amount in minor units',
          apiRef: 'api:default/transaction-events',
          specVersion: '3.0.0',
        },
        outOfSync: {
          kind: 'mock',
          description: 'The consumer mocks still sent amounts in major units',
          url: 'https://git.example.com/ledger/mocks/transaction-events.json',
        },
        scoresBefore: { day: '2026-11-17', contract: 40, mock: 19 },
        postmortemUrls: ['https://wiki.example.com/postmortems/2026-11-18'],
      },
    ],
    breakingChanges: [
      {
        entryId: 'entry-7',
        title: 'transaction-events v3: amount in minor units',
        apiRef: 'api:default/transaction-events',
        origin: 'announced',
        createdAt: '2026-11-04T10:00:00Z',
        effectiveAt: '2026-11-18T00:00:00Z',
        noticeDays: 14,
        consumers: [
          {
            consumerRef: 'component:default/legacy-account-system',
            state: 'acknowledged',
            acknowledgedAt: '2026-11-19T08:00:00Z',
            acknowledgedDaysBefore: -1,
          },
          {
            consumerRef: 'component:default/ledger-reports',
            state: 'pending',
          },
        ],
        link: '/integration-health/calendar?entry=entry-7',
      },
    ],
    scoreTimeline: [
      {
        integrationId,
        days: [
          { day: '2026-11-15', contract: 80, mock: 60 },
          { day: '2026-11-16', contract: 60, mock: 40 },
          { day: '2026-11-17', contract: 40, mock: 19 },
        ],
      },
    ],
    openFindings: [
      {
        integrationId,
        id: 'finding-1',
        level: 'warning',
        message: 'The consumer mocks are 21 days older than the spec',
      },
    ],
    facts: [
      {
        text: 'The change was announced 14 days before it took effect.',
        source: 'Breaking-change calendar',
        link: '/integration-health/calendar?entry=entry-7',
      },
      {
        text: 'legacy-account-system acknowledged the change 1 day after it took effect.',
        source: 'Acknowledgement trail',
      },
      {
        text: 'The consumer mocks were out of sync at the time of the incident.',
        source: 'Mock file',
        link: 'https://git.example.com/ledger/mocks/transaction-events.json',
      },
    ],
    ...overrides,
  };
}

/** A brief with nothing in its window. */
export const emptyBrief = (): IntegrationBrief =>
  ledgerPaymentsBrief({
    subject: { kind: 'entity', entityRef: 'component:default/quiet-service' },
    title: 'quiet-service',
    integrations: [],
    incidents: [],
    breakingChanges: [],
    scoreTimeline: [],
    openFindings: [],
    facts: [],
  });
