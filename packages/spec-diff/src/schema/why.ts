import { FindingLevel } from '../types';
import { Direction } from './SchemaComparator';

/**
 * What a schema change does to consumers, in a sentence: who breaks and how
 * ("clients sending "" for `name` are now refused"). Requests are what
 * consumers send; responses (and webhook or event payloads) what they read.
 */
type Why = (at: string) => string;

const REFUSED =
  (what: string): Why =>
  at =>
    `clients sending ${what}${at ? ` for${at}` : ''} are now refused`;
const WILL_BE_REFUSED =
  (what: string): Why =>
  at =>
    `clients sending ${what}${at ? ` for${at}` : ''} will be refused`;

const REQUEST: Record<string, Why> = {
  'property-added-required': at => `clients that do not send${at} are refused`,
  'became-required': at => `clients that do not send${at} are refused`,
  'property-removed-required': at =>
    `clients still sending${at} may be refused, or find it ignored`,
  'property-removed-optional': at =>
    `clients still sending${at} may be refused, or find it ignored`,
  'min-length-set': REFUSED('""'),
  'min-length-increased': REFUSED('shorter strings'),
  'max-length-decreased': REFUSED('longer strings'),
  'max-length-set': WILL_BE_REFUSED('longer strings'),
  'min-items-increased': REFUSED('fewer items'),
  'max-items-decreased': REFUSED('more items'),
  'min-properties-set': REFUSED('{}'),
  'min-properties-increased': REFUSED('fewer properties'),
  'max-properties-decreased': REFUSED('more properties'),
  'max-decreased': REFUSED('larger numbers'),
  'exclusive-max-decreased': REFUSED('larger numbers'),
  'min-increased': REFUSED('smaller numbers'),
  'exclusive-min-increased': REFUSED('smaller numbers'),
  'max-set': WILL_BE_REFUSED('larger numbers'),
  'min-set': WILL_BE_REFUSED('smaller numbers'),
  'min-items-set': WILL_BE_REFUSED('fewer items'),
  'max-items-set': WILL_BE_REFUSED('more items'),
  'max-properties-set': WILL_BE_REFUSED('more properties'),
  'enum-value-removed': REFUSED('the removed value'),
  'x-extensible-enum-value-removed': REFUSED('the removed value'),
  'became-enum': REFUSED('any other value'),
  'const-added': REFUSED('any other value'),
  'const-changed': REFUSED('the old value'),
  'type-changed': REFUSED('the old type'),
  'type-specialized': REFUSED('the old type'),
  'list-of-types-narrowed': REFUSED('the removed types'),
  'became-not-nullable': REFUSED('null'),
  'pattern-added': REFUSED('values that do not match the pattern'),
  'pattern-changed': at =>
    `clients sending values${
      at ? ` for${at}` : ''
    } that matched the old pattern may be refused`,
  'additional-properties-disallowed': REFUSED('extra properties'),
  'wrapped-in-one-of': () =>
    'clients sending a body that matches more than one alternative are refused',
};

const RESPONSE: Record<string, Why> = {
  'property-removed-required': at => `clients reading${at} find it missing`,
  'property-removed-optional': at => `clients reading${at} no longer get it`,
  'became-optional': at => `clients reading${at} may find it missing`,
  'became-nullable': at => `clients reading${at} may now get null`,
  'type-changed': at => `clients parsing${at} as the old type fail`,
  'type-generalized': at =>
    `clients parsing${at} may get values of a wider type`,
  'list-of-types-widened': at =>
    `clients reading${at} may get types they never handled`,
  'enum-value-added': at =>
    `clients reading${at} may get a value they do not know`,
  'enum-removed': at =>
    `clients reading${at} may get values outside the old list`,
  'max-increased': at =>
    `clients reading${at} may get larger numbers than promised`,
  'exclusive-max-increased': at =>
    `clients reading${at} may get larger numbers than promised`,
  'max-unset': at =>
    `clients reading${at} may get larger numbers than promised`,
  'min-decreased': at =>
    `clients reading${at} may get smaller numbers than promised`,
  'exclusive-min-decreased': at =>
    `clients reading${at} may get smaller numbers than promised`,
  'min-unset': at =>
    `clients reading${at} may get smaller numbers than promised`,
  'max-length-increased': at =>
    `clients reading${at} may get longer strings than promised`,
  'max-length-unset': at =>
    `clients reading${at} may get longer strings than promised`,
  'min-length-decreased': at =>
    `clients reading${at} may get shorter strings, even ""`,
  'min-length-unset': at =>
    `clients reading${at} may get shorter strings, even ""`,
  'min-items-decreased': at =>
    `clients reading${at} may get fewer items, even none`,
  'min-items-unset': at =>
    `clients reading${at} may get fewer items, even none`,
  'const-removed': at =>
    `clients relying on the fixed value of${at} may get another`,
  'const-changed': at =>
    `clients relying on the fixed value of${at} get another`,
  'one-of-added': at =>
    `clients reading${at} may get a shape they never handled`,
  'wrapped-in-one-of': at => `clients reading${at} get one of several shapes`,
};

const FALLBACK: Record<Direction, Record<FindingLevel, string>> = {
  request: {
    breaking: 'requests that were valid before may now be refused',
    warning: 'some requests that were valid before may now be refused',
    info: 'requests that were valid before stay valid',
  },
  response: {
    breaking: 'clients may now read data they were not promised',
    warning: 'clients may now read data they did not expect',
    info: 'what clients read stays within what they were promised',
  },
};

export function whyItMatters(
  direction: Direction,
  kind: string,
  level: FindingLevel,
  path: string,
): string {
  if (level === 'info') return FALLBACK[direction].info;
  const at = path ? ` \`${path}\`` : '';
  const why = (direction === 'request' ? REQUEST : RESPONSE)[kind];
  return why ? why(at) : FALLBACK[direction][level];
}
