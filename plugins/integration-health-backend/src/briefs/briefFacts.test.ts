import { AppLinks } from '../appLinks';
import { briefFacts } from './briefFacts';

const links = new AppLinks(
  'http://localhost:3000',
  '/integration-health/calendar',
  '/catalog/{namespace}/{kind}/{name}',
);

describe('briefFacts', () => {
  it('says when consumers heard of a change only after it took effect, and when one acknowledged late', () => {
    const facts = briefFacts(
      {
        subject: { kind: 'entity', entityRef: 'component:default/ledger' },
        title: 'ledger',
        from: '2026-09-01T00:00:00.000Z',
        to: '2026-12-03T00:00:00.000Z',
        generatedAt: '2026-12-03T00:00:00.000Z',
        integrations: [],
        incidents: [],
        breakingChanges: [
          {
            entryId: 'e-1',
            title: 'transaction-events 2.0.0: 1 breaking change',
            apiRef: 'api:default/transaction-events',
            origin: 'detected',
            createdAt: '2026-12-02T10:00:00.000Z',
            effectiveAt: '2026-11-29T09:00:00.000Z',
            noticeDays: -3,
            consumers: [
              {
                consumerRef: 'component:default/ledger',
                state: 'acknowledged',
                acknowledgedAt: '2026-12-02T12:00:00.000Z',
                acknowledgedDaysBefore: -3,
              },
              { consumerRef: 'component:default/reports', state: 'overdue' },
            ],
            link: '/integration-health/calendar?entry=e-1',
          },
        ],
        scoreTimeline: [],
        openFindings: [],
      },
      links,
    );
    expect(facts.map(f => f.text)).toEqual([
      '"transaction-events 2.0.0: 1 breaking change" was detected on 2026-12-02 and took effect on 2026-11-29: consumers heard of it 3 days after it took effect.',
      'ledger acknowledged "transaction-events 2.0.0: 1 breaking change" on 2026-12-02, 3 days after it took effect.',
      'reports has not acknowledged "transaction-events 2.0.0: 1 breaking change" (overdue).',
    ]);
    expect(new Set(facts.map(f => f.source))).toEqual(
      new Set(['breaking-change calendar']),
    );
  });
});
