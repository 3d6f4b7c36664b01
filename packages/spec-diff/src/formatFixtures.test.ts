import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { diffSpecs } from './diffSpecs';

type Pair = {
  name: string;
  base: string;
  revision: string;
  format: string;
  findings: string[];
};

const dir = path.resolve(__dirname, '../fixtures/formats');
const { pairs }: { pairs: Pair[] } = parse(
  fs.readFileSync(path.join(dir, 'expected.yaml'), 'utf8'),
);
const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

describe('format fixtures in the repository', () => {
  it.each(pairs.map(p => [p.name, p] as const))('%s', async (_name, pair) => {
    const result = await diffSpecs(read(pair.base), read(pair.revision));
    expect(result.format).toBe(pair.format);
    expect(
      result.findings.map(f => `${f.level} ${f.id} @ ${f.location}`),
    ).toEqual(pair.findings);
    // Every finding that is not info says what it does to consumers.
    for (const finding of result.findings.filter(f => f.level !== 'info')) {
      expect(finding.message).toMatch(/: [^:]+$/);
    }
  });
});
