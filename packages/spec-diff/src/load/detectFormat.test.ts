import { detectFormat, looksLikeGraphql } from './detectFormat';
import { HOSTILE_TEXTS, timed } from '../__testUtils__/hostileText';

describe('looksLikeGraphql', () => {
  it.each([
    ['type Query { a: Int }'],
    ['  # comment\n"""\nDescription "with" quotes\n"""\ntype Query { a: Int }'],
    ['"one-line \\" description"\nscalar Date'],
    ['extend type Query { b: Int }'],
    ['\uFEFFschema { query: Query }'],
    ['directive @key(fields: String!) on OBJECT'],
    ['"""escaped \\""" inside"""\ninput In { a: Int }'],
  ])('reads %j as SDL', text => {
    expect(looksLikeGraphql(text)).toBe(true);
  });

  it.each([
    ['openapi: 3.0.0'],
    ['{"type": "object"}'],
    ['types: [a]'],
    ['type: object\nproperties: {}'],
    ['type : object'],
    ['schema:\n  type: object'],
    ['"unterminated\ntype Query { a: Int }'],
    ['# comment without an end'],
    ['extend'],
    ['extendtype Query { a: Int }'],
    [''],
  ])('does not read %j as SDL', text => {
    expect(looksLikeGraphql(text)).toBe(false);
  });

  it.each(HOSTILE_TEXTS)(
    'answers within a bound on %s (linear time)',
    (_name, text) => {
      expect(timed(() => looksLikeGraphql(text))).toBeLessThan(1000);
      expect(looksLikeGraphql(text)).toBe(false);
    },
  );
});

describe('detectFormat', () => {
  it('tells the formats apart by their version fields', () => {
    expect(detectFormat({ openapi: '3.1.0' })).toBe('openapi-3.1');
    expect(detectFormat({ openapi: '3.0.3' })).toBe('openapi-3.0');
    expect(detectFormat({ swagger: '2.0' })).toBe('openapi-2.0');
    expect(detectFormat({ asyncapi: '2.6.0' })).toBe('asyncapi-2');
    expect(detectFormat({ asyncapi: '3.0.0' })).toBe('asyncapi-3');
    expect(detectFormat({ type: 'object' })).toBe('json-schema');
    expect(detectFormat({ title: 'x' })).toBeUndefined();
    expect(detectFormat(['a'])).toBeUndefined();
  });
});
