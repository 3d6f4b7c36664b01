import { entitySignalKey } from './signals';

describe('entitySignalKey', () => {
  it('is the same for any casing of a reference and differs between entities', () => {
    expect(entitySignalKey('component:default/Payments')).toBe(
      entitySignalKey('component:default/payments'),
    );
    expect(entitySignalKey('component:default/payments')).toMatch(
      /^[0-9a-f]{8}$/,
    );
    const keys = new Set(
      Array.from({ length: 1000 }, (_, i) =>
        entitySignalKey(`component:default/service-${i}`),
      ),
    );
    expect(keys.size).toBe(1000);
  });
});
