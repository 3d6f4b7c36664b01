import { callsWidth, failureBand, observedText } from './observedText';

const edge = {
  id: 'e',
  consumerRef: 'component:default/a',
  providerRef: 'component:default/b',
  connectionType: '',
  sources: ['tempo'],
  reason: '',
};

describe('observedText', () => {
  it('says what telemetry saw, with failures and latency when known', () => {
    expect(
      observedText({
        ...edge,
        status: 'confirmed',
        calls: 5000,
        failureRate: 0.02,
        p95LatencyMs: 80.4,
      }),
    ).toBe('Observed: 5,000 calls, 2.0% failed, p95 80 ms');
    expect(observedText({ ...edge, status: 'undeclared', calls: 40 })).toBe(
      'Undeclared: 40 calls, not in the catalog',
    );
    expect(
      observedText({
        ...edge,
        status: 'not-observed',
        calls: 0,
        lastSeenAt: '2026-10-01T00:00:00Z',
      }),
    ).toBe('Not observed: no traffic since 2026-10-01');
  });

  it('bands failure rates and widens lines with volume', () => {
    expect(
      [undefined, 0, 0.0099, 0.01, 0.049, 0.05, 1].map(failureBand),
    ).toEqual(['unknown', 'low', 'low', 'raised', 'raised', 'high', 'high']);
    expect(callsWidth(0)).toBe(1.5);
    expect(callsWidth(40)).toBeLessThan(callsWidth(5000));
    expect(callsWidth(1e12)).toBe(6);
  });
});
