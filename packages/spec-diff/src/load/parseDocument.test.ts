import { SpecInputError } from '../errors';
import { HOSTILE_TEXTS, timed } from '../__testUtils__/hostileText';
import {
  DEFAULT_LIMITS,
  parseDocumentText,
  ParseNote,
  withoutBom,
} from './parseDocument';

const read = (text: string, notes?: ParseNote[]) =>
  parseDocumentText(text, 'base', DEFAULT_LIMITS, notes);

function errorOf(text: string): SpecInputError {
  try {
    read(text);
  } catch (error) {
    return error as SpecInputError;
  }
  throw new Error('expected an error');
}

describe('parseDocumentText', () => {
  it('drops a byte-order mark before JSON and YAML', () => {
    expect(read('\uFEFF{"openapi": "3.0.0"}')).toEqual({ openapi: '3.0.0' });
    expect(read('\uFEFFopenapi: 3.0.0\n')).toEqual({ openapi: '3.0.0' });
    expect(withoutBom('\uFEFFx')).toBe('x');
    expect(withoutBom('x\uFEFF')).toBe('x\uFEFF');
  });

  it('reads CRLF line ends and counts lines across them', () => {
    expect(read('a: 1\r\nb:\r\n  - x\r\n')).toEqual({ a: 1, b: ['x'] });
    expect(read('{\r\n  "a": [1,\r\n 2]\r\n}')).toEqual({ a: [1, 2] });
    expect(errorOf('a: 1\r\nb: [1\r\nc: 2\r\n').location?.line).toBe(3);
    expect(errorOf('{\r\n"a": 1,\r\n"b" 2}').location).toMatchObject({
      line: 3,
      column: 5,
    });
  });

  it('reads the last of duplicate keys and notes each, in YAML', () => {
    const notes: ParseNote[] = [];
    const doc = read('a: 1\nb:\n  x: 1\n  x: 2\na: 3\n', notes);
    expect(doc).toEqual({ a: 3, b: { x: 2 } });
    expect(notes).toEqual([
      expect.objectContaining({ pointer: '/b/x', line: 4, column: 3 }),
      expect.objectContaining({ pointer: '/a', line: 5, column: 1 }),
    ]);
  });

  it('reads the last of duplicate keys and notes each, in JSON', () => {
    const notes: ParseNote[] = [];
    const doc = read(
      '{"paths": {"/a~b": {"get": 1, "get": 2}}, "l": [{"k": 1}, {"k": 2, "k\\u0041": 3, "kA": 4}]}',
      notes,
    );
    expect(doc).toEqual({
      paths: { '/a~b': { get: 2 } },
      l: [{ k: 1 }, { k: 2, kA: 4 }],
    });
    expect(notes.map(n => n.pointer)).toEqual(['/paths/~1a~0b/get', '/l/1/kA']);
    expect(notes[0]).toMatchObject({ line: 1, which: 'base' });
  });

  it('reports the first YAML error with its line, and only one', () => {
    const error = errorOf('openapi: 3.0.0\ninfo:\n  title: [1\npaths: {}\n');
    expect(error.code).toBe('syntax');
    expect(error.location).toMatchObject({ which: 'base', line: 4 });
    expect(errorOf('a: 1\n---\nb: 2\n').message).toContain(
      'more than one document',
    );
  });

  it('tells an alias without its anchor from an alias bomb', () => {
    expect(errorOf('a: *nowhere\n').code).toBe('syntax');
  });

  it.each(HOSTILE_TEXTS)(
    'answers %s within a bound (linear time, stops at the first error)',
    (_name, text) => {
      expect(timed(() => read(text))).toBeLessThan(1000);
    },
  );
});
