import { FindingLevel } from '../types';
import { JSON_SCHEMA_2020_LEVELS } from './jsonSchema2020Checks';
import { Direction } from './SchemaComparator';

/**
 * Where a compared schema sits: a body, a parameter (a header parameter has
 * rules of its own for its properties) or a response header.
 */
export type SchemaRoot = 'body' | 'parameter' | 'header-parameter' | 'header';

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
  // A type swap only text media tolerate (object to string in XML).
  'type-compatible': [I, I],
  'list-of-types-widened': [I, B],
  'list-of-types-narrowed': [B, I],
  'became-nullable': [I, B],
  'became-not-nullable': [B, I],
  'became-enum': [B, I],
  'enum-removed': [I, B],
  'enum-value-removed': [B, I],
  'enum-value-added': [I, W],
  'x-extensible-enum-value-removed': [B, I],
  'x-extensible-enum-value-added': [I, I],
  'const-added': [B, I],
  'const-removed': [I, B],
  'const-changed': [B, B],
  'default-value-added': [I, I],
  'default-value-removed': [I, I],
  'default-value-changed': [I, I],
  'pattern-added': [B, I],
  'pattern-removed': [I, I],
  'pattern-changed': [W, I],
  // Changed to a pattern every value matches (judged on requests only).
  'pattern-generalized': [I, I],
  deprecated: [I, I],
  'deprecated-with-sunset': [I, I],
  // Consumers are owed a date, or a date far enough away.
  'deprecated-sunset-missing': [B, B],
  'deprecated-sunset-invalid': [B, B],
  'sunset-date-too-small': [B, B],
  reactivated: [I, I],
  'stability-decreased': [B, B],
  'stability-increased': [I, I],
  'invalid-stability-level': [B, B],
  'became-read-only': [I, I],
  'became-not-read-only': [I, I],
  'became-write-only': [I, I],
  'became-not-write-only': [I, W],
  'discriminator-added': [I, I],
  'discriminator-removed': [I, I],
  'discriminator-property-name-changed': [I, I],
  'discriminator-mapping-added': [I, I],
  'discriminator-mapping-deleted': [I, I],
  'discriminator-mapping-changed': [I, I],
  // A payload matching more than one alternative is now refused.
  'wrapped-in-one-of': [B, B],
  'one-of-added': [I, B],
  'one-of-removed': [B, I],
  'any-of-added': [I, I],
  'any-of-removed': [B, I],
  'all-of-added': [B, I],
  'all-of-removed': [W, I],
  'all-of-added-annotation-only': [I, I],
  'all-of-removed-annotation-only': [I, I],
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

// Setting a lower bound on lengths or property counts where there was none
// refuses what used to be the smallest valid request (`""`, `{}`); the
// reference has no rule for these and rates setting other bounds a warning.
LEVELS['min-length-set'] = [B, I];
LEVELS['min-properties-set'] = [B, I];

// Where the reference checker rates one subject differently from the rest:
// a parameter's default is applied by the server, a type change inside an
// object parameter only warns (its serialization decides), and a response
// property that stops being write-only only matters when it is required.
const LEVEL_BY_ID: Record<string, FindingLevel> = {
  'request-parameter-default-value-added': B,
  'request-parameter-default-value-removed': B,
  'request-parameter-default-value-changed': B,
  'request-parameter-property-type-changed': W,
  'response-optional-property-became-not-write-only': I,
};

// Constraints on a request property the client never sends (read-only)
// cannot refuse its requests; the reference names some of them.
const READ_ONLY_IDS = new Set([
  'enum-value-removed',
  'max-decreased',
  'exclusive-max-decreased',
  'max-length-decreased',
  'min-increased',
  'exclusive-min-increased',
]);

// Write-only properties of a response, which clients never receive: the
// reference names their changes (all info).
const WRITE_ONLY_IDS: Record<string, string> = {
  'enum-value-added': 'response-write-only-property-enum-value-added',
  'property-added-required': 'response-required-write-only-property-added',
  'property-added-optional': 'response-optional-write-only-property-added',
  'property-removed-required': 'response-required-write-only-property-removed',
  'property-removed-optional': 'response-optional-write-only-property-removed',
  'became-required': 'response-write-only-property-became-required',
  'became-optional': 'response-write-only-property-became-optional',
};

// Changes that are about the element's lifecycle, not the values it holds.
const LIFECYCLE = new Set([
  'deprecated',
  'deprecated-with-sunset',
  'deprecated-sunset-missing',
  'deprecated-sunset-invalid',
  'sunset-date-too-small',
  'reactivated',
  'stability-decreased',
  'stability-increased',
  'invalid-stability-level',
  'became-read-only',
  'became-not-read-only',
  'became-write-only',
  'became-not-write-only',
]);

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
  'invalid-stability-level': [
    'api-invalid-stability-level',
    'api-invalid-stability-level',
  ],
};

function subjectOf(root: SchemaRoot, path: string): string {
  if (root === 'body') return path ? 'property' : 'body';
  if (root === 'parameter' || root === 'header-parameter')
    return path ? 'parameter-property' : 'parameter';
  return path ? 'header-property' : 'header';
}

/** What the id of a change depends on besides its kind and place. */
export type RuleFacts = {
  hidden?: boolean;
  required?: boolean;
  hasDefault?: boolean;
};

function specialId(
  direction: Direction,
  root: SchemaRoot,
  path: string,
  change: string,
  facts: RuleFacts,
): string | undefined {
  const side = direction === 'request' ? 0 : 1;
  if (root === 'header-parameter' && path) {
    if (change === 'became-enum') return 'request-header-property-became-enum';
    if (change === 'became-required')
      return 'request-header-property-became-required';
    if (change === 'property-added-required')
      return 'new-required-request-header-property';
  }
  if (direction === 'request' && facts.hasDefault) {
    if (change === 'property-added-required')
      return 'new-required-request-property-with-default';
    if (change === 'became-required')
      return 'request-property-became-required-with-default';
  }
  if (change.startsWith('became-') && change.endsWith('-only')) {
    return `${direction}-${
      facts.required ? 'required' : 'optional'
    }-property-${change}`;
  }
  if (change === 'wrapped-in-one-of') {
    return `${direction}-${path ? 'property' : 'body'}-wrapped-in-one-of`;
  }
  if (facts.hidden && !LIFECYCLE.has(change)) {
    if (direction === 'request' && READ_ONLY_IDS.has(change))
      return `request-read-only-property-${change}`;
    if (direction === 'response') {
      const writeOnly = WRITE_ONLY_IDS[change];
      if (writeOnly) return writeOnly;
    }
  }
  // The reference names a response body's own enum by its media type.
  if (
    direction === 'response' &&
    root === 'body' &&
    !path &&
    change === 'enum-value-removed'
  )
    return 'response-mediatype-enum-value-removed';
  return SPECIAL_IDS[change]?.[side];
}

/** The rule id and level of one schema change where it was found. */
export function schemaRule(
  direction: Direction,
  root: SchemaRoot,
  path: string,
  change: string,
  facts: RuleFacts = {},
): { id: string; level: FindingLevel } | undefined {
  const levels = LEVELS[change];
  if (!levels) return undefined;
  const side = direction === 'request' ? 0 : 1;
  // Lifecycle rules of a body name its properties, as the reference does;
  // maxItems on a parameter's items is the parameter's, as it reads it.
  let subject = subjectOf(root, path);
  if (LIFECYCLE.has(change) && root === 'body') subject = 'property';
  if (
    (root === 'parameter' || root === 'header-parameter') &&
    path === '[]' &&
    change.startsWith('max-items-')
  )
    subject = 'parameter';
  const id =
    specialId(direction, root, path, change, facts) ??
    `${direction}-${subject}-${change}`;
  // What consumers never see there cannot break them.
  if (facts.hidden && !LIFECYCLE.has(change)) return { id, level: I };
  return { id, level: LEVEL_BY_ID[id] ?? levels[side] };
}

/** Every schema change kind the engine knows, for coverage tests. */
export const SCHEMA_CHANGES = Object.keys(LEVELS);
