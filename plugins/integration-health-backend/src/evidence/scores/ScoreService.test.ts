import {
  DEFAULT_SCORE_CONFIG,
  Integration,
} from '@integration-health/plugin-integration-health-common';
import { ScoreService } from './ScoreService';

const integration = (consumer: string): Integration => ({
  id: consumer,
  consumerRef: `component:default/${consumer}`,
  providerRef: 'component:default/processing',
  apiRef: 'api:default/transaction-events',
  kind: 'event',
  sources: ['consumesApi', 'providesApi'],
  findings: [],
  firstSeenAt: '2026-11-01T00:00:00.000Z',
  lastSeenAt: '2026-11-01T00:00:00.000Z',
});

describe('ScoreService.computeAll', () => {
  it('reports an integration whose scoring fails and still scores the others', async () => {
    const saved: string[] = [];
    // Scoring ledger's evidence throws (as a mock the checker chokes on would).
    const poisoned = {
      get result(): string {
        throw new Error('the checker choked');
      },
    };
    const service = new ScoreService({
      evidenceStore: {
        latestVerificationsOf: async (ids: string[]) =>
          new Map(ids.map(id => [id, id === 'ledger' ? [poisoned] : []])),
      } as any,
      mockStore: { listMocksOf: async () => new Map() } as any,
      scoreStore: {
        saveScoresMany: async (items: { integrationId: string }[]) => {
          saved.push(...items.map(item => item.integrationId));
        },
      } as any,
      specStore: { listVersions: async () => [] } as any,
      specs: {} as any,
      config: DEFAULT_SCORE_CONFIG,
    });
    const result = await service.computeAll(
      [integration('intake'), integration('ledger'), integration('reports')],
      new Date('2026-12-03T00:00:00Z'),
    );
    expect(saved).toEqual(['intake', 'reports']);
    expect(result).toEqual({
      scored: 2,
      errors: [
        {
          entityRef: 'component:default/ledger',
          code: 'scores-failed',
          message: expect.stringContaining('the checker choked'),
        },
      ],
    });
  });
});
