import { holdReason } from './holdReason';

const hold = { maxGoneShare: 0.2, minEntitiesShare: 0.5 };

describe('holdReason', () => {
  it('holds a read of far fewer entities than the last good run', () => {
    expect(
      holdReason({
        hold,
        entitiesRead: 400,
        lastGoodEntitiesRead: 13000,
        activeBefore: 100,
        wouldGo: 0,
      }),
    ).toBe(
      'the catalog answered 400 entities where the last good run read 13000 (under 50%); nothing was changed',
    );
  });

  it('holds a read that would mark more than the share of integrations gone', () => {
    expect(
      holdReason({
        hold,
        entitiesRead: 100,
        lastGoodEntitiesRead: 100,
        activeBefore: 10,
        wouldGo: 3,
      }),
    ).toMatch(/^3 of 10 integrations would be marked gone \(over 20%\)/);
  });

  it('applies an ordinary run, the first run, and a run that loses a few', () => {
    for (const run of [
      {
        entitiesRead: 100,
        lastGoodEntitiesRead: 100,
        activeBefore: 10,
        wouldGo: 2,
      },
      {
        entitiesRead: 0,
        lastGoodEntitiesRead: undefined,
        activeBefore: 0,
        wouldGo: 0,
      },
      {
        entitiesRead: 60,
        lastGoodEntitiesRead: 100,
        activeBefore: 10,
        wouldGo: 0,
      },
    ]) {
      expect(holdReason({ hold, ...run })).toBeUndefined();
    }
  });
});
