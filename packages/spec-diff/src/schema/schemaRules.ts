import { FindingLevel } from '../types';
import { JSON_SCHEMA_2020_LEVELS } from './jsonSchema2020Checks';
import { Direction } from './SchemaComparator';

/** Where a compared schema sits: a body, a parameter or a response header. */
export type SchemaRoot = 'body' | 'parameter' | 'header';

type Levels = [request: FindingLevel, response: FindingLevel];
const B: FindingLevel = 'breaking';
const W: FindingLevel = 'warning';
const I: FindingLevel = 'info';

/**
 * How much each kind of schema change matters, by direction. A request that
 * accepts less breaks the consumers that send it; a response that may hold
 * more breaks the consumers that read it. Levels follow the reference
 * checker's taxonomy where it has the rule.
 */
const LEVELS: Record<string, Levels> = {
  'type-changed': [B, B],
  'type-generalized': [I, B],
  'type-specialized': [B, I],
  'list-of-types-widened': [I, B],
  'list-of-types-narrowed': [B, I],
  'became-nullable': [I, B],
  'became-not-nullable': [B, I],
  'became-enum': [B, I],
  'enum-removed': [I, B],
  'enum-value-removed': [B, I],
  'enum-value-added': [I, W],
  'const-added': [B, I],
  'const-removed': [I, B],
  'const-changed': [B, B],
  'default-value-added': [I, I],
  'default-value-removed': [I, I],
  'default-value-changed': [I, I],
  'pattern-added': [B, I],
  'pattern-removed': [I, I],
  'pattern-changed': [W, I],
  deprecated: [I, I],
  'became-read-only': [I, I],
  'became-not-read-only': [I, I],
  'became-write-only': [I, I],
  'became-not-write-only': [I, W],
  'discriminator-added': [I, I],
  'discriminator-removed': [I, I],
  'discriminator-property-name-changed': [I, I],
  'one-of-added': [I, B],
  'one-of-removed': [B, I],
  'any-of-added': [I, I],
  'any-of-removed': [B, I],
  'all-of-added': [B, I],
  'all-of-removed': [W, I],
  'property-added-required': [B, I],
  'property-added-optional': [I, I],
  'property-removed-required': [W, B],
  'property-removed-optional': [W, W],
  'became-required': [B, I],
  'became-optional': [I, B],
  'additional-properties-disallowed': [B, I],
  'additional-properties-allowed': [I, W],
  ...JSON_SCHEMA_2020_LEVELS,
};

// Upper and lower bounds of values, lengths, item and property counts.
for (const bound of [
  'max',
  'exclusive-max',
  'max-length',
  'max-items',
  'max-properties',
]) {
  LEVELS[`${bound}-set`] = [W, I];
  LEVELS[`${bound}-unset`] = [I, B];
  LEVELS[`${bound}-decreased`] = [B, I];
  LEVELS[`${bound}-increased`] = [I, B];
}
for (const bound of [
  'min',
  'exclusive-min',
  'min-length',
  'min-items',
  'min-properties',
]) {
  LEVELS[`${bound}-set`] = [W, I];
  LEVELS[`${bound}-unset`] = [I, B];
  LEVELS[`${bound}-increased`] = [B, I];
  LEVELS[`${bound}-decreased`] = [I, B];
}

// Where the reference checker rates one subject differently from the rest:
// a parameter's default is applied by the server, and a type change inside
// an object parameter only warns.
const LEVEL_BY_ID: Record<string, FindingLevel> = {
  'request-parameter-default-value-added': B,
  'request-parameter-default-value-removed': B,
  'request-parameter-default-value-changed': B,
  'request-parameter-property-type-changed': W,
};

// Rule ids that do not follow `<direction>-<subject>-<change>`.
const SPECIAL_IDS: Record<string, [request: string, response: string]> = {
  'property-added-required': [
    'new-required-request-property',
    'response-required-property-added',
  ],
  'property-added-optional': [
    'new-optional-request-property',
    'response-optional-property-added',
  ],
  'property-removed-required': [
    'request-property-removed',
    'response-required-property-removed',
  ],
  'property-removed-optional': [
    'request-property-removed',
    'response-optional-property-removed',
  ],
  'became-read-only': [
    'request-optional-property-became-read-only',
    'response-optional-property-became-read-only',
  ],
  'became-not-read-only': [
    'request-optional-property-became-not-read-only',
    'response-optional-property-became-not-read-only',
  ],
  'became-write-only': [
    'request-optional-property-became-write-only',
    'response-optional-property-became-write-only',
  ],
  'became-not-write-only': [
    'request-optional-property-became-not-write-only',
    'response-required-property-became-not-write-only',
  ],
};

function subjectOf(root: SchemaRoot, path: string): string {
  if (root === 'body') return path ? 'property' : 'body';
  if (root === 'parameter') return path ? 'parameter-property' : 'parameter';
  return path ? 'header-property' : 'header';
}

/** The rule id and level of one schema change where it was found. */
export function schemaRule(
  direction: Direction,
  root: SchemaRoot,
  path: string,
  change: string,
): { id: string; level: FindingLevel } | undefined {
  const levels = LEVELS[change];
  if (!levels) return undefined;
  const side = direction === 'request' ? 0 : 1;
  const special = SPECIAL_IDS[change];
  const id = special
    ? special[side]
    : `${direction}-${
        change === 'deprecated' && root === 'body'
          ? 'property'
          : subjectOf(root, path)
      }-${change}`;
  return { id, level: LEVEL_BY_ID[id] ?? levels[side] };
}

/** Every schema change kind the engine knows, for coverage tests. */
export const SCHEMA_CHANGES = Object.keys(LEVELS);
