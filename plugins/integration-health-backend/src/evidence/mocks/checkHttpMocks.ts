import { Comparator } from '@pactflow/openapi-pact-comparator';
import { MockInteraction } from './mockInteractions';
import { isUnknownPart } from './unknownParts';
import { OperationMatcher } from './matchOperation';
import { segmentValues } from './pathTemplate';
import { HttpPatternChecker } from './httpPatterns';
import { phraseBodyProblems, sortSchemaMessages } from './phraseProblems';

type HttpInteraction = Extract<MockInteraction, { kind: 'http' }>;

export type InteractionVerdict = {
  operation: string;
  problems: string[];
};

const BODY_CODES: Record<string, string> = {
  'request.body.incompatible': 'request body',
  'response.body.incompatible': 'response body',
};

const INTERACTION_INDEX = /^\[root\]\.interactions\[(\d+)\]/;

/** Where in a body the comparator's location points: `amount`, `items.0`; '' at the top. */
function bodyLocation(location: string): string {
  const part = location.replace(INTERACTION_INDEX, '');
  for (const prefix of ['.request.body.', '.response.body.']) {
    if (part.startsWith(prefix)) return part.slice(prefix.length);
  }
  return '';
}

/**
 * Checks HTTP mocks against an OpenAPI document (2.0, 3.0 or 3.1) with
 * PactFlow's openapi-pact-comparator: the path and method exist, parameters,
 * headers and request body match, the status is one the spec declares and
 * the response body matches its schema (no fields the spec does not define).
 * Warnings (e.g. an undocumented header) do not make a mock invalid. The
 * comparator gets the document without its `pattern`s, which `patterns`
 * checks in linear time, and each path below the server base path the
 * matcher found, so a mock is judged on the operation it is named after.
 * What a mock leaves unknown (`interaction.unknown`) is not judged: mocks
 * with unknown path values go to `anyPathComparator`, whose document takes
 * any path value.
 */
export async function checkHttpMocks(
  comparator: Comparator,
  matcher: OperationMatcher,
  patterns: HttpPatternChecker,
  interactions: HttpInteraction[],
  anyPathComparator: () => Comparator = () => comparator,
): Promise<InteractionVerdict[]> {
  const routes = interactions.map(i => matcher.routeOf(i.request.path));
  const verdicts: InteractionVerdict[] = interactions.map((i, index) => ({
    operation: matcher.operationOf(i.request.method, i.request.path),
    problems: patterns.check(i, routes[index]),
  }));
  const bodyMessages = interactions.map(
    () => new Map<string, { message: string }[]>(),
  );
  const indexes = interactions.map((_, index) => index);
  const anyPath = (index: number) =>
    !!interactions[index].unknown?.pathValues?.length;
  const groups: [() => Comparator, number[]][] = [
    [() => comparator, indexes.filter(index => !anyPath(index))],
    [anyPathComparator, indexes.filter(anyPath)],
  ];
  for (const [which, group] of groups) {
    if (group.length === 0) continue;
    const pact = {
      consumer: { name: 'consumer' },
      provider: { name: 'provider' },
      metadata: { pactSpecification: { version: '2.0.0' } },
      interactions: group.map(index => ({
        description: `${index}`,
        request: {
          ...interactions[index].request,
          path: routes[index]?.path ?? interactions[index].request.path,
        },
        response: interactions[index].response,
      })),
    };
    for await (const result of which().compare(pact as any)) {
      const at = Number(
        INTERACTION_INDEX.exec(result.mockDetails?.location ?? '')?.[1] ?? -1,
      );
      const index = group[at];
      if (index === undefined || result.type !== 'error') continue;
      const location = result.mockDetails?.location ?? '';
      const part = location.replace(INTERACTION_INDEX, '');
      if (
        isUnknownPart(
          interactions[index].unknown,
          result.code,
          part,
          result.message,
        )
      )
        continue;
      const where = BODY_CODES[result.code];
      const route = routes[index];
      if (
        result.code === 'request.path-or-method.unknown' &&
        route &&
        route.template.includes('{') &&
        matcher.declares(interactions[index].request.method, route.template)
      ) {
        // The operation exists: the comparator refused its path values.
        const values = segmentValues(route.template, route.path)
          .map(([name, value]) => `${name} = ${JSON.stringify(value)}`)
          .join(', ');
        verdicts[index].problems.push(
          `Path values${
            values ? ` (${values})` : ''
          } do not match the path parameters of ${
            interactions[index].request.method
          } ${route.template} in the current spec`,
        );
      } else if (where) {
        const detail = result.message.replace(/^.*in the spec file: /, '');
        const list = bodyMessages[index].get(where) ?? [];
        // Where in the body: `amount`, `items.0` (empty at the top).
        const inBody = bodyLocation(location);
        list.push({ message: detail, ...(inBody ? { at: inBody } : {}) });
        bodyMessages[index].set(where, list);
      } else {
        verdicts[index].problems.push(
          result.message.replace(
            / in (the )?spec file/,
            ' in the current spec',
          ),
        );
      }
    }
  }
  bodyMessages.forEach((byWhere, index) => {
    for (const [where, messages] of byWhere) {
      verdicts[index].problems.push(
        ...phraseBodyProblems(where, sortSchemaMessages(messages)),
      );
    }
  });
  return verdicts;
}
