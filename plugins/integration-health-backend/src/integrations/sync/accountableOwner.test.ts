import { parseAccountableOwnerAnnotation } from './accountableOwner';

const knownGroups = new Set([
  'group:default/platform',
  'group:default/payments',
  'group:finance/ledger',
]);

function parse(value: string | undefined, namespace = 'default') {
  return parseAccountableOwnerAnnotation({
    entityRef: `component:${namespace}/svc`,
    namespace,
    value,
    knownGroups,
  });
}

describe('parseAccountableOwnerAnnotation', () => {
  it('reads a default group and counterpart-specific groups, defaulting kind and namespace', () => {
    const { declaration, errors } = parse(
      'platform, api:transaction-events = group:default/payments, component:finance/ledger=finance/ledger',
    );
    expect(errors).toEqual([]);
    expect(declaration.defaultOwner).toBe('group:default/platform');
    expect([...declaration.ownerByCounterpart]).toEqual([
      ['api:default/transaction-events', 'group:default/payments'],
      ['component:finance/ledger', 'group:finance/ledger'],
    ]);
  });

  it('resolves refs in the entity namespace', () => {
    const { declaration } = parse('ledger', 'finance');
    expect(declaration.defaultOwner).toBe('group:finance/ledger');
  });

  it('has nothing to say without the annotation', () => {
    const { declaration, errors } = parse(undefined);
    expect(errors).toEqual([]);
    expect(declaration.defaultOwner).toBeUndefined();
    expect(declaration.ownerByCounterpart.size).toBe(0);
  });

  it.each([
    ['', 'the value is empty'],
    [' , ', 'the value is empty'],
    ['=platform', "'=platform' is neither"],
    ['api:x=', "'api:x=' is neither"],
    ['api:x=platform=payments', "'api:x=platform=payments' is neither"],
    ['transaction-events=platform', "'transaction-events' in"],
    ['group:a:b', "'group:a:b' is not an entity reference"],
    ['group:default/a/b', "'group:default/a/b' is not an entity reference"],
    ['api:bad name!=platform', "'api:bad name!' in"],
  ])(
    'reports the malformed value %j and uses nothing from it',
    (value, message) => {
      const { declaration, errors } = parse(value);
      expect(errors).toEqual([
        {
          entityRef: 'component:default/svc',
          code: 'accountable-owner-malformed',
          message: expect.stringContaining(message),
        },
      ]);
      expect(declaration.defaultOwner).toBeUndefined();
      expect(declaration.ownerByCounterpart.size).toBe(0);
    },
  );

  it('rejects a ref that is not a group, and one the catalog does not know', () => {
    const { declaration, errors } = parse('user:default/jane, api:x=ghosts');
    expect(errors.map(e => e.code)).toEqual([
      'accountable-owner-not-a-group',
      'accountable-owner-unknown-group',
    ]);
    expect(errors[1].message).toContain(
      "group 'group:default/ghosts' is not in the catalog",
    );
    expect(declaration.defaultOwner).toBeUndefined();
    expect(declaration.rejectedDefault).toBe('user:default/jane');
    expect(declaration.rejectedByCounterpart.get('api:default/x')).toBe(
      'ghosts',
    );
  });

  it('keeps the valid entries of a partly broken value', () => {
    const { declaration, errors } = parse('=oops, api:x=payments');
    expect(errors).toHaveLength(1);
    expect(declaration.ownerByCounterpart.get('api:default/x')).toBe(
      'group:default/payments',
    );
  });

  it('keeps the first of two default groups and says so', () => {
    const { declaration, errors } = parse('platform, payments');
    expect(declaration.defaultOwner).toBe('group:default/platform');
    expect(errors[0].message).toContain('more than one default owner');
  });
});
