import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './cli';

const examples = path.resolve(__dirname, '../../../examples/apis');

function capture() {
  let text = '';
  return {
    stream: {
      write: (chunk: string) => {
        text += chunk;
        return true;
      },
    } as any,
    text: () => text,
  };
}

async function cli(...args: string[]) {
  const out = capture();
  const err = capture();
  const code = await run(args, out.stream, err.stream);
  return { code, out: out.text(), err: err.text() };
}

describe('spec-diff command line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-diff-cli-'));
  const base = path.join(examples, 'transaction-intake-api/1.0.0.yaml');
  const revision = path.join(dir, 'intake-2.yaml');
  const { parse } = require('yaml');
  fs.writeFileSync(
    revision,
    parse(
      fs.readFileSync(
        path.join(examples, 'transaction-intake-api/api.yaml'),
        'utf8',
      ),
    ).spec.definition,
  );

  it('prints the findings for people, breaking first, and exits 0 without --fail-on', async () => {
    const { code, out } = await cli(base, revision);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toMatch(
      /^BREAKING new-required-request-property {2}POST \/transactions$/,
    );
    expect(out).toContain('3 breaking, 3 warnings, 2 info');
  });

  it('prints JSON with --json and exits 1 when --fail-on is met', async () => {
    const { code, out } = await cli(
      '--json',
      '--fail-on',
      'breaking',
      base,
      revision,
    );
    expect(code).toBe(1);
    const { findings } = JSON.parse(out);
    expect(findings).toContainEqual(
      expect.objectContaining({
        id: 'new-required-request-property',
        level: 'breaking',
        location: 'POST /transactions',
      }),
    );
  });

  it('exits 0 with --fail-on when only lower levels are present', async () => {
    const { code } = await cli('--fail-on', 'breaking', base, base);
    expect(code).toBe(0);
  });

  it('prints its usage on stdout and exits 0 with --help', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: spec-diff /);
  });

  it('exits 2 with a one-line reason on unusable input', async () => {
    const broken = path.join(dir, 'broken.yaml');
    fs.writeFileSync(broken, 'openapi: 3.0.0\npaths: [\n');
    const parsed = await cli(base, broken);
    expect(parsed.code).toBe(2);
    expect(parsed.err.trim().split('\n')).toHaveLength(1);
    expect(parsed.err).toMatch(/^spec-diff: revision line \d+/);

    const missing = await cli(base, path.join(dir, 'nope.yaml'));
    expect(missing).toMatchObject({
      code: 2,
      err: expect.stringContaining('no such file'),
    });

    const usage = await cli('--fail-on', 'sometimes', base, revision);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--fail-on takes breaking or warning');
  });

  it('reads files with a UTF-8 or UTF-16 byte-order mark like any other', async () => {
    const text = fs.readFileSync(base, 'utf8');
    const utf8 = path.join(dir, 'bom-utf8.yaml');
    const utf16le = path.join(dir, 'bom-utf16le.yaml');
    const utf16be = path.join(dir, 'bom-utf16be.yaml');
    fs.writeFileSync(utf8, `\uFEFF${text}`);
    fs.writeFileSync(
      utf16le,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    fs.writeFileSync(
      utf16be,
      Buffer.concat([
        Buffer.from([0xfe, 0xff]),
        Buffer.from(text, 'utf16le').swap16(),
      ]),
    );
    for (const file of [utf8, utf16le, utf16be]) {
      expect(await cli(base, file)).toMatchObject({
        code: 0,
        out: 'No changes.\n',
      });
    }
  });
});
