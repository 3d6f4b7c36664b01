import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * The team-written rule fixtures in `fixtures/rules/`: each case is a pair of
 * documents (whole, or a schema placed where a rule looks) and the findings
 * the pair must produce, as `<rule id> <level>`.
 */
export const RULE_FIXTURES = path.resolve(__dirname, '../../fixtures/rules');

export type Expectation = { id: string; level: string };

export type RuleCase = {
  file: string;
  name: string;
  base: unknown;
  revision: unknown;
  expect: Expectation[];
  /** No breaking finding besides the expected ones. */
  only: boolean;
  /** No finding at all. */
  none: boolean;
  options: {
    today?: string;
    deprecationDays?: { beta?: number; stable?: number };
  };
};

const LEVELS: Record<string, string> = {
  ERR: 'breaking',
  WARN: 'warning',
  INFO: 'info',
};

function expectation(text: string): Expectation {
  const [id, level] = text.trim().split(/\s+/);
  if (!LEVELS[level]) throw new Error(`bad expectation '${text}'`);
  return { id, level: LEVELS[level] };
}

const wrap = (schema: unknown, required: boolean) => ({
  type: 'object',
  properties: { value: schema },
  ...(required ? { required: ['value'] } : {}),
});

/** Places a schema where the rules of one subject look at it. */
export function placeSchema(
  where: string,
  schema: unknown,
  options: { openapi?: string; required?: boolean; media?: string } = {},
): object {
  const media = options.media ?? 'application/json';
  const required = options.required ?? false;
  const operation: any = {
    operationId: 'update',
    responses: { '200': { description: 'ok' } },
  };
  const body = (s: unknown) => ({ content: { [media]: { schema: s } } });
  switch (where) {
    case 'request-body':
      operation.requestBody = body(schema);
      break;
    case 'request-property':
      operation.requestBody = body(wrap(schema, required));
      break;
    case 'response-body':
      operation.responses['200'] = { description: 'ok', ...body(schema) };
      break;
    case 'response-property':
      operation.responses['200'] = {
        description: 'ok',
        ...body(wrap(schema, required)),
      };
      break;
    case 'parameter':
      operation.parameters = [{ name: 'q', in: 'query', schema }];
      break;
    case 'parameter-property':
      operation.parameters = [
        { name: 'q', in: 'query', schema: wrap(schema, required) },
      ];
      break;
    case 'header-parameter':
      operation.parameters = [{ name: 'X-Q', in: 'header', schema }];
      break;
    case 'header-parameter-property':
      operation.parameters = [
        { name: 'X-Q', in: 'header', schema: wrap(schema, required) },
      ];
      break;
    case 'response-header':
      operation.responses['200'] = {
        description: 'ok',
        headers: { 'X-R': { schema } },
      };
      break;
    default:
      throw new Error(`unknown place '${where}'`);
  }
  return document({ '/items': { post: operation } }, options.openapi);
}

function document(paths: unknown, openapi = '3.0.3', extra: object = {}) {
  return {
    openapi,
    info: { title: 'rules', version: '1' },
    paths,
    ...extra,
  };
}

/** Every case of every fixture file, expanded to one pair per place. */
export function loadRuleCases(): RuleCase[] {
  const cases: RuleCase[] = [];
  for (const file of fs.readdirSync(RULE_FIXTURES).sort()) {
    if (!file.endsWith('.yaml')) continue;
    const { cases: entries } = parse(
      fs.readFileSync(path.join(RULE_FIXTURES, file), 'utf8'),
    );
    for (const entry of entries) {
      const options = {
        today: entry.today,
        deprecationDays: entry.deprecationDays,
      };
      const only = entry.only === true;
      if (entry.places) {
        for (const [where, expected] of Object.entries<string | string[]>(
          entry.places,
        )) {
          const place = (schema: unknown) =>
            placeSchema(where, schema, {
              openapi: entry.openapi,
              required: entry.required,
              media: entry.media,
            });
          cases.push({
            file,
            name: `${entry.name} (${where})`,
            base: place(entry.base),
            revision: place(entry.revision),
            expect: [expected].flat().map(expectation),
            only,
            none: false,
            options,
          });
        }
        continue;
      }
      const side = (value: any) => {
        if (typeof value === 'string') return value;
        if (entry.document) return value;
        return document(
          entry.paths ? value : { '/items': value },
          entry.openapi,
          entry.extra,
        );
      };
      cases.push({
        file,
        name: entry.name,
        base: side(entry.base),
        revision: side(entry.revision),
        expect: (entry.expect ?? []).map(expectation),
        only,
        none: entry.none === true,
        options,
      });
    }
  }
  return cases;
}
