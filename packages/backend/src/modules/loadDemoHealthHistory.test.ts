import path from 'node:path';
import { loadDemoHealthHistory } from './loadDemoHealthHistory';

describe('loadDemoHealthHistory', () => {
  it('turns the story into one day per seed, each score holding until its next change', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    const seeds = loadDemoHealthHistory(
      path.resolve(__dirname, '../../../../examples/health-history.yaml'),
      now,
    );
    expect(seeds).toHaveLength(90);
    expect(seeds[0].day).toBe('2026-09-04');
    expect(seeds.at(-1)!.day).toBe('2026-12-02');
    const legacy = (daysAgo: number) =>
      seeds[90 - daysAgo].integrations.find(i =>
        i.consumerRef.endsWith('account-management-legacy'),
      );
    expect(legacy(4)).toMatchObject({ mock: 100, contract: undefined });
    expect(legacy(3)).toMatchObject({ mock: 19 });
    const processing = (daysAgo: number) =>
      seeds[90 - daysAgo].integrations.find(i =>
        i.consumerRef.endsWith('transaction-processing'),
      )!.contract;
    expect([processing(74), processing(73), processing(1)]).toEqual([
      80, 10, 10,
    ]);
  });
});
