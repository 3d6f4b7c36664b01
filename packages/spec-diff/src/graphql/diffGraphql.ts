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

function build(sdl: string, which: 'base' | 'revision') {
  const { buildSchema, GraphQLError } = loadGraphql();
  try {
    // Directives from other tools (federation, codegen) need not be declared.
    return buildSchema(sdl, { assumeValidSDL: true });
  } catch (error) {
    const location =
      error instanceof GraphQLError ? error.locations?.[0] : undefined;
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
): Promise<DiffResult> {
  const changes = await loadInspector().diff(
    build(base, 'base'),
    build(revision, 'revision'),
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
      message: change.message,
    });
  }
  return { format: 'graphql', ...findings.result() };
}
