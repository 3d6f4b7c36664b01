import { MockCheck, mockFreshness } from './mockFreshness';

const now = new Date('2026-11-21T12:00:00Z');

function mock(
  operation: string,
  valid = true,
  problems: string[] = [],
): MockCheck {
  return {
    source: 'wiremock',
    name: `${operation.replace(/\W+/g, '-')}.json`,
    operation,
    valid,
    problems,
    madeFromVersion: '1.0.0',
    checkedAt: '2026-11-20T12:00:00Z',
  };
}

describe('mockFreshness', () => {
  it('is unknown, not 0, when no mocks were found', () => {
    const score = mockFreshness({
      mocks: [],
      changesSinceMocksMade: 'none',
      now,
    });
    expect(score.value).toBeUndefined();
    expect(score.tier).toBe('no-mocks');
  });

  it('gives full marks for two valid mocks per used operation', () => {
    const score = mockFreshness({
      mocks: [mock('GET /a'), mock('GET /a'), mock('POST /a'), mock('POST /a')],
      changesSinceMocksMade: 'none',
      now,
    });
    expect(score).toMatchObject({ value: 100, evidenceAgeDays: 1 });
    expect(score.inputs).toMatchObject({ coverage: '100%', validity: '100%' });
  });

  it('multiplies coverage of used operations by validity, and says which mock broke and why', () => {
    const score = mockFreshness({
      mocks: [
        mock('GET /a'),
        mock('GET /a'),
        mock('POST /transactions', false, [
          'response field `accountId` is not in the spec, which requires `accountRef`',
        ]),
      ],
      usedOperations: ['GET /a', 'POST /transactions', 'DELETE /a'],
      specVersion: '2.0.0',
      changesSinceMocksMade: 'none',
      now,
    });
    // coverage (1 + 0 + 0) / 3, validity 2 / 3
    expect(score.value).toBe(Math.round(100 * (1 / 3) * (2 / 3)));
    expect(score.inputs.uncoveredOperations).toBe(
      'DELETE /a, POST /transactions',
    );
    expect(score.summary).toBe(
      '1 of 3 mocks no longer match the spec 2.0.0: POST /transactions: response field `accountId` is not in the spec, which requires `accountRef`',
    );
  });

  it('gives partial credit to an operation with a single valid mock', () => {
    const score = mockFreshness({
      mocks: [mock('GET /a')],
      changesSinceMocksMade: 'none',
      now,
    });
    expect(score.value).toBe(75);
  });

  it('caps at 80 after warnings and at 60 after breaking changes on used operations', () => {
    const mocks = [mock('GET /a'), mock('GET /a')];
    const warned = mockFreshness({
      mocks,
      changesSinceMocksMade: 'warning',
      now,
    });
    expect(warned.value).toBe(80);
    expect(warned.adjustments).toEqual([expect.objectContaining({ cap: 80 })]);
    expect(
      mockFreshness({ mocks, changesSinceMocksMade: 'breaking', now }).value,
    ).toBe(60);
    // A cap never raises a lower score.
    const low = mockFreshness({
      mocks: [mock('GET /a'), mock('GET /b', false, ['gone'])],
      changesSinceMocksMade: 'breaking',
      now,
    });
    expect(low.value).toBe(Math.round(100 * (0.75 / 2) * 0.5));
    expect(low.adjustments).toEqual([]);
  });
});
