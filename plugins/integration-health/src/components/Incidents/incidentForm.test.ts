import { initialValues, toIncidentInput } from './incidentForm';

const filled = {
  ...initialValues(undefined, 'i1'),
  title: ' Payments not booked ',
  started: '2026-11-19 08:15',
  ended: '2026-11-19T09:50',
  affectedTransactions: '1,200',
  amount: '48200.50',
  currency: 'eur',
  specVersion: '2.0.0',
  outOfSyncKind: 'mock' as const,
  outOfSyncDescription: 'pact sends accountId',
  postmortemUrls:
    'https://wiki.example.com/pm/7\n  https://wiki.example.com/pm/8 ',
};

describe('the incident form', () => {
  it('turns what was typed into the API input, in UTC', () => {
    expect(toIncidentInput(filled, 'api:default/transaction-events')).toEqual({
      input: {
        title: 'Payments not booked',
        occurredAt: '2026-11-19T08:15:00.000Z',
        resolvedAt: '2026-11-19T09:50:00.000Z',
        impact: {
          durationMinutes: undefined,
          affectedTransactions: 1200,
          money: { amount: 48200.5, currency: 'EUR' },
          description: undefined,
        },
        trigger: {
          calendarEntryId: undefined,
          apiRef: 'api:default/transaction-events',
          specVersion: '2.0.0',
        },
        outOfSync: {
          kind: 'mock',
          description: 'pact sends accountId',
          url: undefined,
        },
        postmortemUrls: [
          'https://wiki.example.com/pm/7',
          'https://wiki.example.com/pm/8',
        ],
      },
    });
  });

  it.each([
    [{ integrationId: undefined }, 'Choose the integration.'],
    [{ title: ' ' }, 'Say what broke.'],
    [
      { started: '19.11.2026 08:15' },
      'Started must read YYYY-MM-DD HH:MM (UTC).',
    ],
    [{ ended: 'soon' }, 'Ended must read YYYY-MM-DD HH:MM (UTC).'],
    [{ durationMinutes: '1.5' }, 'Duration must be a whole number.'],
    [
      { affectedTransactions: 'many' },
      'Affected transactions must be a whole number.',
    ],
    [{ amount: '-3' }, 'Money must be a number.'],
    [
      { currency: 'euro' },
      'Give the currency as a three-letter code, e.g. EUR.',
    ],
  ])('says what is wrong with %j', (change, problem) => {
    expect(toIncidentInput({ ...filled, ...change }, undefined)).toEqual({
      problem,
    });
  });

  it('fills the form from a recorded incident, so an edit starts from it', () => {
    const values = initialValues({
      id: 'x',
      integrationId: 'i2',
      consumerRef: 'component:default/a',
      providerRef: 'component:default/b',
      title: 'Down',
      occurredAt: '2026-11-19T08:15:00.000Z',
      impact: { durationMinutes: 95 },
      postmortemUrls: ['https://wiki.example.com/pm/7'],
      recordedBy: 'user:default/mei',
      recordedAt: '2026-11-19T10:00:00.000Z',
      updatedBy: 'user:default/mei',
      updatedAt: '2026-11-19T10:00:00.000Z',
    });
    expect(values).toMatchObject({
      integrationId: 'i2',
      started: '2026-11-19 08:15',
      ended: '',
      durationMinutes: '95',
      outOfSyncKind: 'none',
      postmortemUrls: 'https://wiki.example.com/pm/7',
    });
  });
});
