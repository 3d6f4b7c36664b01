import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const bin = path.resolve(__dirname, '../bin/spec-diff');

/** Runs bin/spec-diff as a shell would, with `tmp` as the temp folder. */
function runBinary(tmp: string, ...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp },
    timeout: 60_000,
  });
}

describe('bin/spec-diff', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-diff-bin-'));
  const base = path.join(tmp, 'base.json');
  const revision = path.join(tmp, 'revision.json');
  const spec = (required: string[]) =>
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/pets': {
          get: {
            parameters: [
              {
                name: 'limit',
                in: 'query',
                required: required.includes('limit'),
                schema: { type: 'integer' },
              },
            ],
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    });
  fs.writeFileSync(base, spec([]));
  fs.writeFileSync(revision, spec(['limit']));
  const cacheOf = (dir: string) =>
    path.join(
      dir,
      `spec-diff-compile-cache-${process.getuid?.() ?? os.userInfo().username}`,
    );

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('diffs two files', () => {
    const result = runBinary(tmp, '--fail-on', 'breaking', base, revision);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('request-parameter-became-required');
    expect(result.status).toBe(1);
  });

  // The repository runs on Node 22+ (which has the cache) on POSIX systems.
  it('keeps its compile cache in a folder only the user can write', () => {
    runBinary(tmp, base, revision);
    expect(fs.statSync(cacheOf(tmp)).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(cacheOf(tmp)).length).toBeGreaterThan(0);
  });

  it('runs the same when its cache folder cannot be made or others can write to it', () => {
    const expected = runBinary(tmp, base, revision).stdout;
    const unusable = path.join(base, 'not-a-folder');
    expect(runBinary(unusable, base, revision)).toMatchObject({
      status: 0,
      stdout: expected,
      stderr: '',
    });
    const shared = path.join(tmp, 'shared');
    fs.mkdirSync(cacheOf(shared), { recursive: true });
    fs.chmodSync(cacheOf(shared), 0o777);
    expect(runBinary(shared, base, revision)).toMatchObject({
      status: 0,
      stdout: expected,
      stderr: '',
    });
    // Left as it was found: nothing written into a folder others can change.
    expect(fs.readdirSync(cacheOf(shared))).toEqual([]);
  });
});
