import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readYamlFast } from './fastYaml';

const careful = (text: string) =>
  parse(text, { merge: true, uniqueKeys: false });
/** The careful reader's answer, or undefined for texts it refuses (catalogs of several documents). */
const carefulOrNothing = (text: string) => {
  try {
    return { value: careful(text) };
  } catch {
    return undefined;
  }
};

describe('the fast YAML path', () => {
  it('reads what the careful reader reads, on every YAML fixture and example', () => {
    const roots = [
      path.resolve(__dirname, '../../fixtures'),
      path.resolve(__dirname, '../../../../examples'),
    ];
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.ya?ml$/.test(entry.name)) files.push(file);
      }
    };
    roots.filter(fs.existsSync).forEach(walk);
    expect(files.length).toBeGreaterThan(10);
    const read = files
      .map(file => {
        const text = fs.readFileSync(file, 'utf8');
        return {
          file,
          fast: readYamlFast(text),
          careful: carefulOrNothing(text),
        };
      })
      .filter(r => r.careful);
    const differing = read
      .filter(
        r =>
          r.fast &&
          JSON.stringify(r.fast.value) !== JSON.stringify(r.careful!.value),
      )
      .map(r => r.file);
    expect(differing).toEqual([]);
    // Nearly all take the fast path (the rest use aliases).
    expect(read.filter(r => r.fast).length).toBeGreaterThan(read.length * 0.8);
  });

  it('keeps YAML 1.2 core scalars: dates and yes/no stay strings, merge keys merge', () => {
    expect(
      readYamlFast(
        'a: 2026-01-01\nb: yes\nc: 0x1F\nm:\n  <<: {x: 1}\n  y: 2\n',
      ),
    ).toEqual({
      value: { a: '2026-01-01', b: 'yes', c: 31, m: { x: 1, y: 2 } },
    });
  });

  it('leaves aliases, duplicate keys and errors to the careful reader', () => {
    expect(readYamlFast('a: &x {b: 1}\nc: *x\n')).toBeUndefined();
    expect(readYamlFast('a: 1\na: 2\n')).toBeUndefined();
    expect(readYamlFast('a: [1\n')).toBeUndefined();
  });

  it('refuses nesting deeper than 1000 levels, which the careful reader takes seconds per megabyte on', () => {
    expect(readYamlFast(`${'- '.repeat(900)}x\n`)).toBeDefined();
    expect(() => readYamlFast(`${'- '.repeat(2000)}x\n`, 'revision')).toThrow(
      expect.objectContaining({
        code: 'too-large',
        location: { which: 'revision' },
      }),
    );
  });
});
