import { ScoreExplanation } from '@integration-health/plugin-integration-health-common';
import {
  operationsTouched,
  operationsUsed,
  reaches,
} from './affectedConsumers';

const mockScore = (inputs: ScoreExplanation['inputs']): ScoreExplanation => ({
  tier: 'mocks-checked',
  summary: '',
  inputs,
  adjustments: [],
  evidence: [],
});
const scores = (operationsMocked?: string) => ({
  contract: mockScore({}),
  mock: mockScore({ operationsMocked }),
  computedAt: '',
});

describe('which consumers a change reaches', () => {
  const settledOnly = operationsUsed(scores('subscribe transactions.settled'));
  const bookedChange = operationsTouched({
    operations: [],
    changes: [{ location: 'channel transactions.booked (subscribe)' }],
  });

  it('spares a consumer whose mocks show it uses none of the changed operations', () => {
    expect(reaches(bookedChange, settledOnly)).toBe(false);
    expect(
      reaches(
        bookedChange,
        operationsUsed(
          scores(
            'subscribe transactions.booked, subscribe transactions.settled',
          ),
        ),
      ),
    ).toBe(true);
  });

  it('reaches everyone when either side is unknown', () => {
    // No mock evidence: the consumer may use anything.
    expect(reaches(bookedChange, operationsUsed(scores(undefined)))).toBe(true);
    expect(reaches(bookedChange, operationsUsed(undefined))).toBe(true);
    // A finding not at one operation (a shared schema, the info block) may touch any.
    const anywhere = operationsTouched({
      operations: [],
      changes: [
        { location: 'channel transactions.booked (subscribe)' },
        { location: 'components.schemas.Money' },
      ],
    });
    expect(reaches(anywhere, settledOnly)).toBe(true);
  });

  it('takes the operations an announcement states over its findings', () => {
    const announced = operationsTouched({
      operations: ['POST /transactions'],
      changes: [{ location: 'GET /transactions/{transactionId}' }],
    });
    expect([...announced!]).toEqual(['POST /transactions']);
    expect(
      reaches(
        announced,
        operationsUsed(scores('GET /transactions/{transactionId}')),
      ),
    ).toBe(false);
  });
});
