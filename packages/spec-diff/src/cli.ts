/**
 * The `spec-diff` command line, for running it from another program.
 *
 * @packageDocumentation
 */

import fs from 'node:fs';
import path from 'node:path';
import { diffSpecs } from './diffSpecs';
import { SpecInputError } from './errors';
import { Finding, FindingLevel } from './types';

const USAGE = `usage: spec-diff [--json] [--fail-on breaking|warning] BASE REVISION

Classifies every change from BASE to REVISION (OpenAPI 2/3.0/3.1, AsyncAPI 2/3,
JSON Schema, GraphQL SDL) as breaking, warning or info.

  --json              print {"findings": [...], "summary": {...}} instead of text
  --fail-on LEVEL     exit 1 when a finding at LEVEL or above is present
  --max-bytes N       largest document accepted (default 20 MB)

exit codes: 0 done, 1 --fail-on met, 2 unusable input`;

const RANK: Record<FindingLevel, number> = { info: 0, warning: 1, breaking: 2 };
const MARK: Record<FindingLevel, string> = {
  breaking: 'BREAKING',
  warning: 'warning ',
  info: 'info    ',
};

type Options = {
  json: boolean;
  failOn?: FindingLevel;
  maxBytes?: number;
  files: string[];
};

class UsageError extends Error {}
class HelpRequested extends Error {}

function parseArgs(args: string[]): Options {
  const options: Options = { json: false, files: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--fail-on') {
      const level = args[++i];
      if (level !== 'breaking' && level !== 'warning')
        throw new UsageError('--fail-on takes breaking or warning');
      options.failOn = level;
    } else if (arg === '--max-bytes') {
      const n = Number(args[++i]);
      if (!Number.isInteger(n) || n <= 0)
        throw new UsageError('--max-bytes takes a positive integer');
      options.maxBytes = n;
    } else if (arg === '-h' || arg === '--help') throw new HelpRequested();
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else options.files.push(arg);
  }
  if (options.files.length !== 2)
    throw new UsageError('give exactly two files: BASE REVISION');
  return options;
}

function readSpec(file: string, maxBytes: number): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new SpecInputError('invalid-document', `${file}: no such file`);
  }
  if (stat.size > maxBytes) {
    throw new SpecInputError(
      'too-large',
      `${file}: ${stat.size} bytes; the limit is ${maxBytes}`,
    );
  }
  return readText(file);
}

/**
 * UTF-8, or UTF-16 when a byte-order mark says so (some Windows editors
 * write it). Decoding the bytes read touches less memory than Node's
 * reading straight to text, which starts the command line sooner.
 */
function readText(file: string): string {
  const bytes = fs.readFileSync(file);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return bytes.toString('utf16le', 2);
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  }
  return bytes.toString('utf8');
}

function formatText(findings: Finding[]): string {
  if (findings.length === 0) return 'No changes.';
  const lines = [...findings]
    .sort((a, b) => RANK[b.level] - RANK[a.level])
    .map(f => `${MARK[f.level]} ${f.id}  ${f.location}\n         ${f.message}`);
  const count = (level: FindingLevel) =>
    findings.filter(f => f.level === level).length;
  lines.push(
    '',
    `${count('breaking')} breaking, ${count('warning')} warnings, ${count(
      'info',
    )} info`,
  );
  return lines.join('\n');
}

/**
 * Runs the command line; resolves to the exit code.
 *
 * @public
 */
export async function run(
  args: string[],
  out = process.stdout,
  err = process.stderr,
): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(args);
  } catch (error) {
    if (error instanceof HelpRequested) {
      out.write(`${USAGE}\n`);
      return 0;
    }
    err.write(`spec-diff: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  try {
    const [base, revision] = options.files.map(f => readSpec(f, maxBytes));
    const result = await diffSpecs(base, revision, {
      baseDir: path.dirname(path.resolve(options.files[0])),
      revisionDir: path.dirname(path.resolve(options.files[1])),
      maxDocumentBytes: maxBytes,
    });
    out.write(
      options.json
        ? `${JSON.stringify(
            { findings: result.findings, summary: result.summary },
            null,
            2,
          )}\n`
        : `${formatText(result.findings)}\n`,
    );
    const threshold = options.failOn ? RANK[options.failOn] : Infinity;
    return result.findings.some(f => RANK[f.level] >= threshold) ? 1 : 0;
  } catch (error) {
    if (error instanceof SpecInputError) {
      err.write(`spec-diff: ${error.describe()}\n`);
      return 2;
    }
    err.write(`spec-diff: ${(error as Error).message}\n`);
    return 2;
  }
}

/**
 * Runs the command line and sets `process.exitCode` when it is done.
 *
 * @public
 */
export function main(args: string[]): void {
  run(args).then(code => {
    process.exitCode = code;
  });
}
