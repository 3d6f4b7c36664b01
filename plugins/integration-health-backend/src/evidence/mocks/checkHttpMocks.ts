import { Comparator } from '@pactflow/openapi-pact-comparator';
import { MockInteraction } from './mockInteractions';
import { OperationMatcher } from './matchOperation';
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

/**
 * Checks HTTP mocks against an OpenAPI document (2.0, 3.0 or 3.1) with
 * PactFlow's openapi-pact-comparator: the path and method exist, parameters,
 * headers and request body match, the status is one the spec declares and
 * the response body matches its schema (no fields the spec does not define).
 * Warnings (e.g. an undocumented header) do not make a mock invalid. The
 * comparator gets the document without its `pattern`s, which `patterns`
 * checks in linear time.
 */
export async function checkHttpMocks(
  comparator: Comparator,
  matcher: OperationMatcher,
  patterns: HttpPatternChecker,
  interactions: HttpInteraction[],
): Promise<InteractionVerdict[]> {
  const pact = {
    consumer: { name: 'consumer' },
    provider: { name: 'provider' },
    metadata: { pactSpecification: { version: '2.0.0' } },
    interactions: interactions.map((interaction, index) => ({
      description: `${index}`,
      request: interaction.request,
      response: interaction.response,
    })),
  };
  const verdicts: InteractionVerdict[] = interactions.map(i => ({
    operation: matcher.operationOf(i.request.method, i.request.path),
    problems: patterns.check(i, matcher.routeOf(i.request.path)),
  }));
  const bodyMessages = interactions.map(
    () => new Map<string, { message: string }[]>(),
  );
  for await (const result of comparator.compare(pact as any)) {
    const index = Number(
      INTERACTION_INDEX.exec(result.mockDetails?.location ?? '')?.[1] ?? -1,
    );
    const verdict = verdicts[index];
    if (!verdict) continue;
    if (result.type !== 'error') continue;
    const where = BODY_CODES[result.code];
    if (where) {
      const detail = result.message.replace(/^.*in the spec file: /, '');
      const list = bodyMessages[index].get(where) ?? [];
      list.push({ message: detail });
      bodyMessages[index].set(where, list);
    } else {
      verdict.problems.push(
        result.message.replace(/ in (the )?spec file/, ' in the current spec'),
      );
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
