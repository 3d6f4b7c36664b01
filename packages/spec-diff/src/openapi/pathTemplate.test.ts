import { HOSTILE_TEXTS, timed } from '../__testUtils__/hostileText';
import { pathKey, templateParameters } from './pathTemplate';

describe('path templates', () => {
  it('reduce parameter names so renamed parameters are the same endpoint', () => {
    expect(pathKey('/pets/{petId}/toys/{toy}')).toBe('/pets/{}/toys/{}');
    expect(pathKey('/pets/{id}/toys/{name}')).toBe('/pets/{}/toys/{}');
    expect(pathKey('/pets')).toBe('/pets');
    expect(pathKey('/a/{b')).toBe('/a/{b');
    expect(pathKey('/a/{b{c}/d}')).toBe('/a/{}/d}');
  });

  it('list parameter names in order', () => {
    expect(templateParameters('/pets/{petId}/toys/{toy}')).toEqual([
      'petId',
      'toy',
    ]);
    expect(templateParameters('/a/{}/{b')).toEqual(['']);
  });

  it.each(HOSTILE_TEXTS)(
    'answer within a bound on %s (linear time)',
    (_name, text) => {
      expect(
        timed(() => {
          pathKey(text);
          templateParameters(text);
        }),
      ).toBeLessThan(1000);
    },
  );

  it('answer within a bound on 100,000 `{` followed by one `}`', () => {
    // The regular expression this replaces scanned to the end from every `{`.
    const text = `${'{'.repeat(100_000)}`;
    expect(timed(() => pathKey(text))).toBeLessThan(1000);
    expect(pathKey(`${text}}`)).toBe('{}');
  });
});
