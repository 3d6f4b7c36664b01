/**
 * Diffs two spec files with one engine and prints one JSON line:
 * {"seconds","findings","unclassified","peak_mb"}. Run in a process of its own
 * so that peak memory belongs to that engine alone.
 */
import fs from 'node:fs';
import { apiDiff } from 'api-smart-diff';
import { diffSpecs } from '../src';

async function main() {
  const [engine, basePath, revisionPath] = process.argv.slice(2);
  const started = process.hrtime.bigint();
  const base = fs.readFileSync(basePath, 'utf8');
  const revision = fs.readFileSync(revisionPath, 'utf8');
  let findings: number;
  let unclassified: number;
  if (engine === 'ours') {
    const result = await diffSpecs(base, revision);
    findings = result.findings.length;
    unclassified = result.summary.unclassified;
  } else {
    const diffs = apiDiff(JSON.parse(base), JSON.parse(revision));
    findings = diffs.length;
    unclassified = diffs.filter((d: any) => d.type === 'unclassified').length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    JSON.stringify({
      seconds,
      findings,
      unclassified,
      peak_mb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

main();
