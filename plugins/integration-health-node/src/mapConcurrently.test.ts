import { mapConcurrently } from './mapConcurrently';

const tick = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('mapConcurrently', () => {
  it('keeps the order of the items and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapConcurrently(
      Array.from({ length: 20 }, (_, i) => i),
      4,
      async i => {
        running++;
        most = Math.max(most, running);
        await tick(i % 3);
        running--;
        return i * 2;
      },
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(most).toBe(4);
  });

  it('throws the first failure after the running calls settle, and starts no new ones', async () => {
    const started: number[] = [];
    const settled: number[] = [];
    await expect(
      mapConcurrently([0, 1, 2, 3, 4, 5, 6, 7], 2, async i => {
        started.push(i);
        await tick(5);
        settled.push(i);
        if (i === 1) throw new Error('broker said 500');
        return i;
      }),
    ).rejects.toThrow('broker said 500');
    expect(started.length).toBeLessThan(8);
    expect(settled.sort()).toEqual(started.sort());
  });
});
