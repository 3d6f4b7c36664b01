import { diffSpecs } from './diffSpecs';
import { OPERATION_RULES } from './openapi/operationRules';
import { loadRuleCases, RuleCase } from './__testUtils__/ruleFixtures';
import {
  describeWithSharedFixtures,
  readSharedFixture,
} from './__testUtils__/sharedFixtures';
import { DiffResult } from './types';

const cases = loadRuleCases();
const results = new Map<RuleCase, Promise<DiffResult>>();
const run = (c: RuleCase) => {
  if (!results.has(c)) {
    results.set(
      c,
      diffSpecs(c.base as any, c.revision as any, {
        today: new Date(`${c.options.today ?? '2026-06-01'}T00:00:00Z`),
        deprecationDays: c.options.deprecationDays,
      }),
    );
  }
  return results.get(c)!;
};

describe('rule fixtures', () => {
  it.each(cases.map(c => [`${c.file}: ${c.name}`, c] as const))(
    '%s',
    async (_name, c) => {
      const { findings } = await run(c);
      const found = findings.map(f => `${f.id} ${f.level}`);
      for (const { id, level } of c.expect) {
        expect(found).toContain(`${id} ${level}`);
      }
      // Unexpected findings: any at all for `none`, breaking ones for `only`
      // and for cases that expect nothing.
      const expected = new Set(c.expect.map(e => e.id));
      const strict = c.only || c.expect.length === 0;
      const unexpected = findings.filter(
        f =>
          !expected.has(f.id) && (c.none || (strict && f.level === 'breaking')),
      );
      expect(unexpected.map(f => `${f.id}: ${f.message}`)).toEqual([]);
    },
  );

  it('say why in every breaking finding and warning: who it affects and how', async () => {
    const silent = new Set<string>();
    for (const c of cases) {
      for (const f of (await run(c)).findings) {
        if (
          f.level !== 'info' &&
          !/client|consumer|reader|subscriber|caller|nobody|refused/i.test(
            f.message,
          )
        ) {
          silent.add(`${f.id}: ${f.message}`);
        }
      }
    }
    expect([...silent]).toEqual([]);
  });

  it("exercise every breaking rule of the engine's own", () => {
    const exercised = new Set(
      cases
        .flatMap(c => c.expect.filter(e => e.level === 'breaking'))
        .map(e => e.id),
    );
    const own = Object.entries(OPERATION_RULES)
      .filter(([, level]) => level === 'breaking')
      .map(([id]) => id);
    expect(own.filter(id => !exercised.has(id))).toEqual([]);
  });
});

describeWithSharedFixtures(
  'rule fixtures against the reference taxonomy',
  () => {
    it('exercise every breaking rule of the taxonomy, at its level', () => {
      const taxonomy: { id: string; level: string }[] = JSON.parse(
        readSharedFixture('rules/oasdiff-rules.json'),
      );
      const exercised = new Map<string, Set<string>>();
      for (const e of cases.flatMap(c => c.expect)) {
        if (!exercised.has(e.id)) exercised.set(e.id, new Set());
        exercised.get(e.id)!.add(e.level);
      }
      const missing = taxonomy
        .filter(r => r.level === 'ERR')
        .filter(r => !exercised.get(r.id)?.has('breaking'))
        .map(r => r.id);
      expect(missing).toEqual([]);
      const LEVEL: Record<string, string> = {
        ERR: 'breaking',
        WARN: 'warning',
        INFO: 'info',
      };
      const wrongLevel = taxonomy
        .filter(r => exercised.has(r.id))
        .filter(r => [...exercised.get(r.id)!].some(l => l !== LEVEL[r.level]))
        .map(
          r => `${r.id}: ${[...exercised.get(r.id)!]} (reference ${r.level})`,
        );
      expect(wrongLevel).toEqual([]);
    });
  },
);
