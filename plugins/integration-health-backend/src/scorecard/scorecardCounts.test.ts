import { CalendarEntry } from '@integration-health/plugin-integration-health-common';
import { StoredIncident } from '../incidents/IncidentStore';
import { breakingByTeam, incidentsBySubject } from './scorecardCounts';

const parents: Record<string, string> = {
  'group:default/cards': 'group:default/payments',
  'group:default/payments': 'group:default/engineering',
  'group:default/ledger': 'group:default/engineering',
};
const teamsOf = (group: string) => {
  const chain = [group];
  while (parents[chain.at(-1)!]) chain.push(parents[chain.at(-1)!]);
  return chain;
};

const entry = (
  origin: CalendarEntry['origin'],
  providers: string[],
  consumers: [string, 'pending' | 'overdue' | 'acknowledged'][],
) =>
  ({
    origin,
    providerOwnerRefs: providers,
    consumers: consumers.map(([consumerOwnerRef, state]) => ({
      consumerOwnerRef,
      state,
    })),
  } as unknown as CalendarEntry);

describe('scorecard counts', () => {
  it('rolls breaking changes up through parent groups, once per entry and acknowledgement', () => {
    const counts = breakingByTeam(
      [
        entry(
          'announced',
          ['group:default/cards', 'group:default/payments'],
          [
            ['group:default/ledger', 'pending'],
            ['group:default/cards', 'overdue'],
          ],
        ),
        entry(
          'detected',
          ['group:default/payments'],
          [
            ['group:default/ledger', 'acknowledged'],
            ['group:default/ledger', 'overdue'],
          ],
        ),
      ],
      teamsOf,
    );
    expect(Object.fromEntries(counts)).toEqual({
      'group:default/cards': { announced: 1, pending: 0, overdue: 1 },
      'group:default/payments': { announced: 1, pending: 0, overdue: 1 },
      'group:default/engineering': { announced: 1, pending: 1, overdue: 2 },
      'group:default/ledger': { announced: 0, pending: 1, overdue: 1 },
    });
  });

  it('sums incidents for every subject their integration counts for, where the impact is stated', () => {
    const incident = (integrationId: string, impact: object) =>
      ({ integrationId, impact } as StoredIncident);
    const summaries = incidentsBySubject(
      [
        incident('a', {
          durationMinutes: 90,
          affectedTransactions: 1200,
          money: { amount: 48200.5, currency: 'EUR' },
        }),
        incident('b', {
          durationMinutes: 15,
          money: { amount: 0.1, currency: 'EUR' },
        }),
        incident('gone', {}),
      ],
      new Map([
        ['a', new Set(['group:default/ledger', 'system:default/books'])],
        ['b', new Set(['group:default/ledger'])],
      ]),
    );
    expect(Object.fromEntries(summaries)).toEqual({
      'group:default/ledger': {
        count: 2,
        durationMinutes: 105,
        affectedTransactions: 1200,
        money: { EUR: 48200.6 },
      },
      'system:default/books': {
        count: 1,
        durationMinutes: 90,
        affectedTransactions: 1200,
        money: { EUR: 48200.5 },
      },
    });
  });
});
