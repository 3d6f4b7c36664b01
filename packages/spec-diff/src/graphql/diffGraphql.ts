import type { CriticalityLevel } from '@graphql-inspector/core';
import { SpecInputError } from '../errors';
import { FindingCollector } from '../FindingCollector';
import { DiffResult, FindingLevel } from '../types';

const LEVELS: Record<`${CriticalityLevel}`, FindingLevel> = {
  BREAKING: 'breaking',
  DANGEROUS: 'warning',
  NON_BREAKING: 'info',
};

// GraphQL and its inspector take a quarter of a second to load: only when a
// GraphQL schema is compared, so that the CLI and other formats start fast.
const loadGraphql = (): typeof import('graphql') => require('graphql');
const loadInspector = (): typeof import('@graphql-inspector/core') =>
  require('@graphql-inspector/core');

/** GitHub's public schema (1.2 MB of SDL) is about 61,000 tokens. */
export const DEFAULT_MAX_GRAPHQL_TOKENS = 250_000;

function build(sdl: string, which: 'base' | 'revision', maxTokens: number) {
  const { parse, buildASTSchema, GraphQLError } = loadGraphql();
  try {
    // Parsing costs about 600 bytes of memory per token: stop early, before a
    // huge document fills the heap.
    const document = parse(sdl, { maxTokens, noLocation: true });
    // Directives from other tools (federation, codegen) need not be declared.
    return buildASTSchema(document, { assumeValidSDL: true });
  } catch (error) {
    const location =
      error instanceof GraphQLError ? error.locations?.[0] : undefined;
    if (
      error instanceof GraphQLError &&
      error.message.includes('tokens. Parsing aborted')
    ) {
      throw new SpecInputError(
        'too-large',
        `the GraphQL document has more than ${maxTokens} tokens (the limit; raise it with maxGraphqlTokens)`,
        { which, line: location?.line, column: location?.column },
      );
    }
    throw new SpecInputError(
      'invalid-document',
      `not a valid GraphQL schema: ${(error as Error).message}`,
      {
        which,
        line: location?.line,
        column: location?.column,
      },
    );
  }
}

const kebab = (type: string) => type.toLowerCase().replace(/_/g, '-');

/** GraphQL SDL, classified by GraphQL Inspector's rules. */
export async function diffGraphqlAsync(
  base: string,
  revision: string,
  maxTokens = DEFAULT_MAX_GRAPHQL_TOKENS,
): Promise<DiffResult> {
  const changes = await loadInspector().diff(
    build(base, 'base', maxTokens),
    build(revision, 'revision', maxTokens),
  );
  const findings = new FindingCollector(() => undefined);
  const seen = new Map<string, number>();
  for (const change of changes) {
    // The same change may repeat (a directive used twice); each is its own finding.
    const occurrence = (seen.get(change.message) ?? 0) + 1;
    seen.set(change.message, occurrence);
    findings.add({
      subject: `${change.message}#${occurrence}`,
      id: `graphql-${kebab(change.type)}`,
      level: LEVELS[change.criticality.level],
      location: change.path ?? '',
      pointer: change.path ? `/${change.path.split('.').join('/')}` : '',
      message: change.criticality.reason
        ? `${change.message}: ${change.criticality.reason}`
        : change.message,
    });
  }
  return { format: 'graphql', ...findings.result() };
}
