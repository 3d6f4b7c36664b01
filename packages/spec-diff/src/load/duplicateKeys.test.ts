import fc from 'fast-check';
import { jsonDuplicateKeys, jsonMayRepeatKeys } from './duplicateKeys';

const mayRepeat = (text: string) => jsonMayRepeatKeys(text, JSON.parse(text));

describe('jsonMayRepeatKeys', () => {
  it('clears texts without a repeated key, whatever their strings hold', () => {
    for (const text of [
      '{}',
      '[]',
      '{"a": {"b": [1, {"c": null}]}, "d": "x"}',
      '{"a": "b\\":", "c\\\\": 1, "d\\\\\\"": 2}',
      '{\r\n  "a" \t :\n 1,\n  "__proto__": {"x": 1}\n}',
    ]) {
      expect(mayRepeat(text)).toBe(false);
    }
  });

  it('flags a repeated key in any object, escaped spellings included', () => {
    expect(mayRepeat('{"a": 1, "a": 2}')).toBe(true);
    expect(mayRepeat('[{"k": 1}, {"k": 2, "k\\u0041": 3, "kA": 4}]')).toBe(
      true,
    );
    expect(mayRepeat('{"x": {"a": ":", "a" : 2}}')).toBe(true);
  });

  it('flags every text that jsonDuplicateKeys finds a repeated key in', () => {
    const key = fc.constantFrom('a', 'b', 'a\\"', 'a\\\\', ':', '');
    const value: fc.Arbitrary<string> = fc.letrec(tie => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom('1', 'null', '"x"', '":"', '"\\":"', '"\\\\"'),
        fc
          .array(tie('value') as fc.Arbitrary<string>, { maxLength: 3 })
          .map(items => `[${items.join(', ')}]`),
        fc
          .array(fc.tuple(key, tie('value') as fc.Arbitrary<string>), {
            maxLength: 4,
          })
          .map(
            entries =>
              `{${entries.map(([k, v]) => `"${k}" :${v}`).join(',\n')}}`,
          ),
      ),
    })).value;
    fc.assert(
      fc.property(value, text => {
        const repeats = jsonDuplicateKeys(text).length > 0;
        // Only a string value that starts with `:` may make it overcount.
        const mayOvercount = text.includes('":');
        const answer = mayRepeat(text);
        // A repeated key is always flagged; a flag has a cause.
        expect(answer || !repeats).toBe(true);
        expect(!answer || repeats || mayOvercount).toBe(true);
      }),
      { seed: 15, numRuns: 500 },
    );
  });
});

describe('jsonDuplicateKeys', () => {
  it('reads an empty object followed by a string in a list', () => {
    expect(jsonDuplicateKeys('{"a": [{}, "x"], "a": 1}')).toEqual([
      { pointer: '/a', offset: 17 },
    ]);
  });
});
