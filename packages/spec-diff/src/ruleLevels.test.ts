import { OPERATION_RULES } from './openapi/operationRules';
import { SCHEMA_CHANGES, schemaRule } from './schema/schemaRules';
import {
  describeWithSharedFixtures,
  readSharedFixture,
} from './__testUtils__/sharedFixtures';

const LEVEL = { ERR: 'breaking', WARN: 'warning', INFO: 'info' } as const;

// The reference checker's taxonomy, used by path from the shared fixtures.
describeWithSharedFixtures('rule levels', () => {
  let reference: Map<string, string>;
  beforeAll(() => {
    reference = new Map(
      JSON.parse(readSharedFixture('rules/oasdiff-rules.json')).map(
        (r: any) => [r.id, LEVEL[r.level as keyof typeof LEVEL]],
      ),
    );
  });

  it('match the reference checker for every operation rule it has', () => {
    const mismatches = Object.entries(OPERATION_RULES)
      .filter(([id, level]) => reference.has(id) && reference.get(id) !== level)
      .map(
        ([id, level]) => `${id}: ours ${level}, reference ${reference.get(id)}`,
      );
    expect(mismatches).toEqual([]);
  });

  it('match the reference checker for every schema rule it has', () => {
    const mismatches: string[] = [];
    let known = 0;
    for (const direction of ['request', 'response'] as const) {
      for (const root of ['body', 'parameter', 'header'] as const) {
        for (const nested of ['', 'x']) {
          for (const change of SCHEMA_CHANGES) {
            const rule = schemaRule(direction, root, nested, change)!;
            if (!reference.has(rule.id)) continue;
            known += 1;
            if (reference.get(rule.id) !== rule.level) {
              mismatches.push(
                `${rule.id}: ours ${rule.level}, reference ${reference.get(
                  rule.id,
                )}`,
              );
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(known).toBeGreaterThan(100);
  });

  it('cover every id of the reference taxonomy', () => {
    const ours = new Set(Object.keys(OPERATION_RULES));
    const places = ['body', 'parameter', 'header-parameter', 'header'] as const;
    const flags = [false, true];
    for (const direction of ['request', 'response'] as const) {
      for (const root of places) {
        for (const path of ['', 'x', '[]']) {
          for (const change of SCHEMA_CHANGES) {
            for (const hidden of flags) {
              for (const required of flags) {
                for (const hasDefault of flags) {
                  const facts = { hidden, required, hasDefault };
                  ours.add(
                    schemaRule(direction, root, path, change, facts)!.id,
                  );
                }
              }
            }
          }
        }
      }
    }
    expect([...reference.keys()].filter(id => !ours.has(id))).toEqual([]);
  });
});
