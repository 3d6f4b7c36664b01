/**
 * Diffs consecutive published versions of real specs shipped in npm packages
 * with spec-diff and with the reference checker (oasdiff), and prints how far
 * they agree on which operations break, pair by pair. Swagger 2.0 documents
 * are converted to OpenAPI 3.0 for oasdiff, which reads no Swagger 2 body
 * parameters. Every disagreement is listed; DISAGREEMENTS.md holds the
 * team's verdict on each.
 *
 *   npm run eval:real-specs [-- --details]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { upgradeSwagger2 } from '../src/openapi/upgradeSwagger2';
import { parse } from 'yaml';
import {
  agreement,
  buildSpecDiff,
  oasdiffBinary,
  operationKey,
  SPEC_DIFF_BIN,
  timedRun,
} from './engines';

type Source = {
  name: string;
  pkg: string;
  /** Where the spec sits in the package, newest layout first. */
  files: string[];
  versions: string[];
};

const SOURCES: Source[] = [
  {
    name: 'GitHub REST',
    pkg: '@octokit/openapi',
    files: ['package/generated/api.github.com.json'],
    versions: ['21.0.0', '22.0.0', '23.0.0', '23.0.1', '23.0.2'],
  },
  {
    name: 'GitHub webhooks',
    pkg: '@octokit/openapi-webhooks',
    files: ['package/generated/api.github.com.json'],
    versions: ['8.5.1', '11.0.0', '12.0.3', '12.1.0'],
  },
  {
    name: 'Figma',
    pkg: '@figma/rest-api-spec',
    files: ['package/openapi/openapi.yaml'],
    versions: ['0.38.0', '0.39.0', '0.40.0', '0.41.0', '0.42.0', '0.43.0'],
  },
  {
    name: 'Netlify (Swagger 2.0)',
    pkg: '@netlify/open-api',
    files: ['package/dist/swagger.json', 'package/swagger.yml'],
    versions: [
      '2.55.0',
      '2.56.0',
      '2.56.1',
      '2.57.0',
      '2.57.1',
      '2.58.0',
      '2.59.0',
      '2.60.0',
    ],
  },
];

const cacheDir = path.resolve(__dirname, '../../../.cache/spec-diff-real');

/** Fetches one version's spec from the npm registry, once. */
function fetchSpec(source: Source, version: string): string {
  const stem = `${source.pkg.replace(/[@/]/g, '_')}-${version}`;
  const cached = fs
    .readdirSync(cacheDir)
    .find(file => file.startsWith(`${stem}.`));
  if (cached) return path.join(cacheDir, cached);
  const tarball = execFileSync(
    'npm',
    ['pack', `${source.pkg}@${version}`, '--silent'],
    { cwd: cacheDir, encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .pop()!;
  const listing = execFileSync('tar', ['-tzf', tarball], {
    cwd: cacheDir,
    encoding: 'utf8',
  }).split('\n');
  const inner = source.files.find(file => listing.includes(file));
  if (!inner) throw new Error(`${source.pkg}@${version}: no spec found`);
  execFileSync('tar', ['-xzf', tarball, inner], { cwd: cacheDir });
  const file = path.join(cacheDir, `${stem}${path.extname(inner)}`);
  fs.renameSync(path.join(cacheDir, inner), file);
  fs.rmSync(path.join(cacheDir, 'package'), { recursive: true, force: true });
  fs.rmSync(path.join(cacheDir, tarball));
  return file;
}

/** The same spec as OpenAPI 3.0 JSON when it is Swagger 2.0 (for oasdiff). */
function forOasdiff(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  const doc = file.endsWith('.json') ? JSON.parse(text) : parse(text);
  if (doc?.swagger !== '2.0') return file;
  const converted = file.replace(/\.\w+$/, '.openapi3.json');
  if (!fs.existsSync(converted)) {
    fs.writeFileSync(converted, JSON.stringify(upgradeSwagger2(doc)));
  }
  return converted;
}

type Breaks = Map<string, Set<string>>;

/** Operation → rule ids, from spec-diff's findings. */
function oursBreaks(json: string): Breaks {
  const breaks: Breaks = new Map();
  for (const finding of JSON.parse(json).findings) {
    if (finding.level !== 'breaking') continue;
    const location = String(finding.location);
    const [first, second, third] = location.split(' ');
    let key: string | undefined;
    if (first === 'webhook') key = `webhook ${second} ${third}`;
    else if (second?.startsWith('/')) key = operationKey(first, second);
    if (!key) continue;
    if (!breaks.has(key)) breaks.set(key, new Set());
    breaks.get(key)!.add(finding.id);
  }
  return breaks;
}

/** Operation → rule ids, from oasdiff's breaking changes (level 3, ERR). */
function oasdiffBreaks(json: string): Breaks {
  const breaks: Breaks = new Map();
  for (const change of JSON.parse(json || '[]') ?? []) {
    if (change.level !== 3 || !change.operation || !change.path) continue;
    // oasdiff names a webhook `webhook:<name>` in place of a path.
    const route = String(change.path);
    const key = route.startsWith('webhook:')
      ? `webhook ${route.slice('webhook:'.length)} ${String(
          change.operation,
        ).toUpperCase()}`
      : operationKey(change.operation, route);
    if (!breaks.has(key)) breaks.set(key, new Set());
    breaks.get(key)!.add(change.id);
  }
  return breaks;
}

async function main() {
  const details = process.argv.includes('--details');
  fs.mkdirSync(cacheDir, { recursive: true });
  buildSpecDiff();
  const oasdiff = oasdiffBinary();
  const rows: string[] = [];
  const disagreements: object[] = [];
  let totalBoth = 0;
  let totalUnion = 0;
  for (const source of SOURCES) {
    const files = source.versions.map(v => fetchSpec(source, v));
    for (let i = 1; i < files.length; i++) {
      const [base, revision] = [files[i - 1], files[i]];
      const ours = timedRun(SPEC_DIFF_BIN, ['--json', base, revision]);
      const theirs = timedRun(oasdiff, [
        'breaking',
        forOasdiff(base),
        forOasdiff(revision),
        '-f',
        'json',
      ]);
      const a = oursBreaks(ours.stdout);
      const b = oasdiffBreaks(theirs.stdout);
      const agreed = agreement(new Set(a.keys()), new Set(b.keys()));
      totalBoth += agreed.both;
      totalUnion +=
        agreed.both + agreed.onlyOurs.length + agreed.onlyOasdiff.length;
      const pair = `${source.name} ${source.versions[i - 1]} → ${
        source.versions[i]
      }`;
      rows.push(
        `| ${pair} | ${a.size} | ${b.size} | ${
          agreed.both
        } | ${agreed.agreement.toFixed(3)} | ${(ours.ms / 1000).toFixed(
          2,
        )} | ${(theirs.ms / 1000).toFixed(2)} |`,
      );
      for (const op of agreed.onlyOurs) {
        disagreements.push({
          pair,
          operation: op,
          only: 'spec-diff',
          rules: [...a.get(op)!],
        });
      }
      for (const op of agreed.onlyOasdiff) {
        disagreements.push({
          pair,
          operation: op,
          only: 'oasdiff',
          rules: [...b.get(op)!],
        });
      }
    }
  }
  console.log(
    '\n| pair | breaking ops (spec-diff) | breaking ops (oasdiff) | both | agreement | spec-diff s | oasdiff s |\n| --- | --- | --- | --- | --- | --- | --- |',
  );
  rows.forEach(row => console.log(row));
  const overall = totalUnion ? totalBoth / totalUnion : 1;
  console.log(
    `\n${
      disagreements.length
    } operations on which the engines disagree (see DISAGREEMENTS.md); overall agreement ${overall.toFixed(
      3,
    )}`,
  );
  fs.writeFileSync(
    path.join(cacheDir, 'disagreements.json'),
    JSON.stringify(disagreements, null, 2),
  );
  if (details) {
    for (const d of disagreements as any[]) {
      console.log(
        `- ${d.pair}: ${d.operation} only in ${d.only}: ${d.rules.join(', ')}`,
      );
    }
  }
  console.log(
    JSON.stringify({
      pairs: rows.length,
      agreement: Number(overall.toFixed(3)),
      disagreements: disagreements.length,
    }),
  );
}

main();
