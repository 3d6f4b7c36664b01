import fs from 'node:fs';
import path from 'node:path';
import { OPERATION_RULES } from './openapi/operationRules';
import { SCHEMA_CHANGES, schemaRule } from './schema/schemaRules';

// The reference checker's taxonomy, used by path from the shared fixtures.
const referenceFile = path.resolve(
  __dirname,
  '../../../../shared/fixtures/spec-diff/rules/oasdiff-rules.json',
);
const LEVEL = { ERR: 'breaking', WARN: 'warning', INFO: 'info' } as const;
const describeIfReference = fs.existsSync(referenceFile)
  ? describe
  : describe.skip;

describeIfReference('rule levels', () => {
  let reference: Map<string, string>;
  beforeAll(() => {
    reference = new Map(
      JSON.parse(fs.readFileSync(referenceFile, 'utf8')).map((r: any) => [
        r.id,
        LEVEL[r.level as keyof typeof LEVEL],
      ]),
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
});
