import {
  edgeVerb,
  formatCalls,
  formatFailureRate,
  formatLatency,
} from './describeEdge';

describe('edgeVerb', () => {
  it.each([
    ['outgoing', '', 'calls'],
    ['incoming', '', 'is called by'],
    ['outgoing', 'messaging_system', 'receives events from'],
    ['incoming', 'messaging_system', 'sends events to'],
    ['outgoing', 'database', 'uses the database'],
    ['incoming', 'database', 'is used as a database by'],
    ['outgoing', 'virtual_node', 'calls'],
  ] as const)('%s %j reads "%s"', (direction, connectionType, words) => {
    expect(edgeVerb({ direction, connectionType })).toBe(words);
  });
});

describe('formatting the measures', () => {
  it('counts calls with separators and the right number', () => {
    expect(formatCalls(1)).toBe('1 call');
    expect(formatCalls(0)).toBe('0 calls');
    expect(formatCalls(12345)).toBe('12,345 calls');
  });

  it('keeps a tiny failure rate from reading as none', () => {
    expect(formatFailureRate(0)).toBe('0%');
    expect(formatFailureRate(0.0004)).toBe('under 0.1%');
    expect(formatFailureRate(0.025)).toBe('2.5%');
    expect(formatFailureRate(0.5)).toBe('50%');
    expect(formatFailureRate(1)).toBe('100%');
  });

  it('rounds latency to whole milliseconds from 10 up', () => {
    expect(formatLatency(3.14159)).toBe('3.1 ms');
    expect(formatLatency(120.6)).toBe('121 ms');
    expect(formatLatency(2500)).toBe('2,500 ms');
  });
});
