/**
 * Scores the engine on the labelled fixtures: the OpenAPITools corpus, the
 * AsyncAPI pairs and the GraphQL cases. Prints a table and every miss.
 *
 *   npm run eval:spec-diff [-- FIXTURES_DIR]
 */
import fs from 'node:fs';
import path from 'node:path';
import { diffSpecs } from '../src';
import { DiffResult } from '../src/types';

const fixtures = path.resolve(
  process.argv[2] ??
    process.env.SPEC_DIFF_FIXTURES ??
    path.resolve(__dirname, '../../../../shared/fixtures/spec-diff'),
);

type Score = {
  name: string;
  total: number;
  passed: number;
  misses: string[];
  /** Cases where the corpus and the reference checker disagree, and the engine follows the checker. */
  judgements: string[];
};

const LEVEL = { ERR: 'breaking', WARN: 'warning', INFO: 'info' } as const;

/**
 * Cases where a corpus expects what the team decided against, with why.
 * Each is printed with its reason; none counts as passed.
 */
const DOCUMENTED_JUDGEMENTS: Record<string, string> = {
  'HeaderBCTest.responseRequiredIncreased':
    'a response header that becomes required is one more thing readers can rely on; nothing they read disappears (info)',
  'MinLengthBCTest.responseMinLengthIncreased':
    'a response whose strings get a larger minimum length still returns only values readers accepted before (info)',
  'NumericRangeBCTest.requestExclusiveMaxSet':
    'exclusiveMaximum: true without a maximum bounds nothing (OpenAPI 3.0), so no request is refused',
  'NumericRangeBCTest.requestExclusiveMinSet':
    'exclusiveMinimum: true without a minimum bounds nothing (OpenAPI 3.0), so no request is refused',
  'SchemaBCTest.maxPropertiesAdded':
    'setting maxProperties where there was none is a warning, as the reference checker rates setting every other upper bound (request-*-max-set, max-length-set): clients may well stay under it',
  'SecuritySchemeBCTest.bearerFormatChanged':
    'bearerFormat is a hint for documentation (OpenAPI: "primarily for documentation purposes"); tokens are accepted or refused by the server as before (info)',
  'asyncapi.yml → diffSpec.yml edit /info/version':
    'a version number announces a change and does not make one; the changes it announces are judged on their own (info)',
};

function referenceLevels(): Map<string, string> {
  const file = path.join(fixtures, 'rules/oasdiff-rules.json');
  return new Map(
    JSON.parse(fs.readFileSync(file, 'utf8')).map((r: any) => [
      r.id,
      LEVEL[r.level as keyof typeof LEVEL],
    ]),
  );
}

async function diffFiles(base: string, revision: string): Promise<DiffResult> {
  return diffSpecs(
    fs.readFileSync(base, 'utf8'),
    fs.readFileSync(revision, 'utf8'),
    {
      baseDir: path.dirname(base),
      revisionDir: path.dirname(revision),
    },
  );
}

async function openApiTools(): Promise<Score> {
  const dir = path.join(fixtures, 'openapitools');
  const { entries } = JSON.parse(
    fs.readFileSync(path.join(dir, 'expected-manifest.json'), 'utf8'),
  );
  const score: Score = {
    name: 'OpenAPITools corpus',
    total: 0,
    passed: 0,
    misses: [],
    judgements: [],
  };
  const reference = referenceLevels();
  for (const entry of entries) {
    score.total += 1;
    let result: DiffResult;
    try {
      result = await diffFiles(
        path.join(dir, entry.old),
        path.join(dir, entry.new),
      );
    } catch (error) {
      score.misses.push(`${entry.test}: error ${(error as Error).message}`);
      continue;
    }
    const breaking = result.findings.filter(f => f.level === 'breaking');
    const passes: Record<string, boolean> = {
      incompatible: breaking.length > 0,
      unchanged: result.findings.length === 0,
      compatible: breaking.length === 0,
    };
    const ok = passes[entry.expected];
    if (ok) score.passed += 1;
    else {
      const got =
        result.findings.map(f => `${f.level}:${f.id}`).join(', ') ||
        'no findings';
      // A verdict that rests on ids whose level is the reference checker's.
      const decisive =
        entry.expected === 'incompatible'
          ? result.findings
          : result.findings.filter(f => f.level === 'breaking');
      if (
        decisive.length > 0 &&
        decisive.every(f => reference.get(f.id) === f.level)
      ) {
        const rated = [
          ...new Set(decisive.map(f => `${f.id} as ${f.level}`)),
        ].join(', ');
        score.judgements.push(
          `${entry.test} (corpus: ${entry.expected}): the reference checker rates ${rated}`,
        );
        continue;
      }
      if (DOCUMENTED_JUDGEMENTS[entry.test]) {
        score.judgements.push(
          `${entry.test} (corpus: ${entry.expected}; got ${got}): ${
            DOCUMENTED_JUDGEMENTS[entry.test]
          }`,
        );
        continue;
      }
      score.misses.push(
        `${entry.test} (expected ${entry.expected}${
          entry.incompatibleProps?.length
            ? ` ${entry.incompatibleProps.join('/')}`
            : ''
        }): ${got}`,
      );
    }
  }
  return score;
}

async function asyncApi(): Promise<Score> {
  const dir = path.join(fixtures, 'asyncapi');
  const expected = JSON.parse(
    fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'),
  );
  const score: Score = {
    name: 'AsyncAPI pairs',
    total: 0,
    passed: 0,
    misses: [],
    judgements: [],
  };
  const pairs: [string, string, any[]][] = [
    ['asyncapi.yml', 'diffSpec.yml', expected.diffOutput.changes],
    ['asyncapi-v3.yml', 'asyncapi-v3-diff.yml', expected.diffOutputV3.changes],
  ];
  for (const [base, revision, changes] of pairs) {
    const result = await diffFiles(
      path.join(dir, 'test/spec', base),
      path.join(dir, 'test/spec', revision),
    );
    for (const change of changes) {
      if (change.type === 'unclassified') continue;
      score.total += 1;
      const finding = result.findings.find(f => f.pointer === change.path);
      const want = change.type === 'breaking' ? 'breaking' : 'not breaking';
      let got: string | undefined;
      if (finding)
        got = finding.level === 'breaking' ? 'breaking' : 'not breaking';
      const name = `${base} → ${revision} ${change.action} ${change.path}`;
      if (got === want) score.passed += 1;
      else if (DOCUMENTED_JUDGEMENTS[name]) {
        score.judgements.push(
          `${name} (expected ${change.type}, got ${
            finding ? `${finding.level} ${finding.id}` : 'no finding'
          }): ${DOCUMENTED_JUDGEMENTS[name]}`,
        );
      } else {
        score.misses.push(
          `${base} → ${revision} ${change.action} ${change.path}: expected ${
            change.type
          }, got ${finding ? `${finding.level} ${finding.id}` : 'no finding'}`,
        );
      }
    }
  }
  return score;
}

const GRAPHQL_LEVELS: Record<string, string> = {
  Breaking: 'breaking',
  Dangerous: 'warning',
  NonBreaking: 'info',
};

async function graphql(): Promise<Score> {
  const { cases } = JSON.parse(
    fs.readFileSync(path.join(fixtures, 'graphql/cases.json'), 'utf8'),
  );
  const score: Score = {
    name: 'GraphQL cases',
    total: 0,
    passed: 0,
    misses: [],
    judgements: [],
  };
  for (const testCase of cases) {
    if (testCase.usesRulesOrOptions) continue;
    score.total += 1;
    let result: DiffResult;
    try {
      result = await diffSpecs(testCase.before, testCase.after);
    } catch (error) {
      score.misses.push(`${testCase.test}: error ${(error as Error).message}`);
      continue;
    }
    const problems: string[] = [];
    for (const assertion of testCase.assertions ?? []) {
      const id = assertion.type
        ? `graphql-${String(assertion.type).toLowerCase().replace(/_/g, '-')}`
        : undefined;
      const match = result.findings.find(
        f =>
          (!id || f.id === id) &&
          (!assertion.path || f.location === assertion.path) &&
          // Findings add why the change matters after the tool's own message.
          (!assertion.message || f.message.startsWith(assertion.message)),
      );
      if (!match)
        problems.push(
          `missing ${id ?? 'a change'} at ${assertion.path ?? 'any path'}`,
        );
      else if (
        assertion.level &&
        match.level !== GRAPHQL_LEVELS[assertion.level]
      ) {
        problems.push(
          `${id} is ${match.level}, expected ${
            GRAPHQL_LEVELS[assertion.level]
          }`,
        );
      }
    }
    if (
      typeof testCase.expectedTotalChanges === 'number' &&
      result.findings.length !== testCase.expectedTotalChanges
    ) {
      problems.push(
        `${result.findings.length} changes, expected ${testCase.expectedTotalChanges}`,
      );
    }
    if (problems.length === 0) score.passed += 1;
    else
      score.misses.push(
        `${testCase.file.split('/').pop()} "${testCase.test}": ${problems.join(
          '; ',
        )}`,
      );
  }
  return score;
}

async function main() {
  if (!fs.existsSync(fixtures)) {
    console.error(
      `No fixtures at ${fixtures}; pass the folder as the first argument.`,
    );
    process.exit(2);
  }
  const scores = [await openApiTools(), await asyncApi(), await graphql()];
  console.log(
    '\n| corpus | cases | passed | judgement calls | misses | score |\n| --- | --- | --- | --- | --- | --- |',
  );
  for (const s of scores) {
    console.log(
      `| ${s.name} | ${s.total} | ${s.passed} | ${s.judgements.length} | ${
        s.misses.length
      } | ${((100 * s.passed) / Math.max(1, s.total)).toFixed(1)}% |`,
    );
  }
  for (const s of scores) {
    if (s.misses.length) {
      console.log(`\n${s.name}: ${s.misses.length} misses`);
      for (const miss of s.misses) console.log(`  - ${miss}`);
    }
    if (s.judgements.length) {
      console.log(
        `\n${s.name}: ${s.judgements.length} judgement calls (the engine follows the reference checker's level, or the reason is given)`,
      );
      for (const j of s.judgements) console.log(`  - ${j}`);
    }
  }
}

main();
