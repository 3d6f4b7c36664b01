import type { CheckContext } from './SchemaComparator';
import { childPointer } from './schemaPaths';
import { isObject, same, show } from './schemaModel';

/**
 * Checks for the JSON Schema 2020-12 keywords that OpenAPI 3.1 allows:
 * conditionals, `contains`, dependencies, pattern and unevaluated
 * properties, tuple items and encoded content.
 */
type SchemaCheck = (context: CheckContext) => void;

/** A keyword whose presence constrains the data: added or removed. */
function presenceCheck(keyword: string, name: string): SchemaCheck {
  return ({ base, revision, emit }) => {
    const had = base[keyword] !== undefined;
    const has = revision[keyword] !== undefined;
    if (!had && has) emit(`${name}-added`, `${keyword} added`);
    else if (had && !has)
      emit(`${name}-removed`, `${keyword} removed`, { inBase: true });
  };
}

/** A keyword holding a map (patternProperties, dependentSchemas): entries added or removed. */
function entriesCheck(keyword: string, name: string): SchemaCheck {
  return ({ base, revision, emit }) => {
    const before = isObject(base[keyword]) ? base[keyword] : {};
    const after = isObject(revision[keyword]) ? revision[keyword] : {};
    for (const key of Object.keys(after)) {
      if (!(key in before)) emit(`${name}-added`, `${keyword} '${key}' added`);
    }
    for (const key of Object.keys(before)) {
      if (!(key in after))
        emit(`${name}-removed`, `${keyword} '${key}' removed`, {
          inBase: true,
        });
    }
  };
}

const dependentRequiredCheck: SchemaCheck = ({ base, revision, emit }) => {
  const before = isObject(base.dependentRequired) ? base.dependentRequired : {};
  const after = isObject(revision.dependentRequired)
    ? revision.dependentRequired
    : {};
  for (const [key, list] of Object.entries(after)) {
    if (!(key in before))
      emit('dependent-required-added', `dependentRequired for '${key}' added`);
    else if (!same(before[key], list)) {
      emit(
        'dependent-required-changed',
        `dependentRequired for '${key}' changed from ${show(
          before[key],
        )} to ${show(list)}`,
      );
    }
  }
  for (const key of Object.keys(before)) {
    if (!(key in after))
      emit(
        'dependent-required-removed',
        `dependentRequired for '${key}' removed`,
        { inBase: true },
      );
  }
};

function countChange(keyword: string, name: string): SchemaCheck {
  return ({ base, revision, emit }) => {
    const before = base[keyword];
    const after = revision[keyword];
    if (
      typeof before !== 'number' ||
      typeof after !== 'number' ||
      before === after
    )
      return;
    emit(
      `${name}-${after > before ? 'increased' : 'decreased'}`,
      `${keyword} changed from ${before} to ${after}`,
    );
  };
}

function valueChange(keyword: string, name: string): SchemaCheck {
  return ({ base, revision, emit }) => {
    if (
      base[keyword] !== undefined &&
      revision[keyword] !== undefined &&
      base[keyword] !== revision[keyword]
    ) {
      emit(
        `${name}-changed`,
        `${keyword} changed from ${show(base[keyword])} to ${show(
          revision[keyword],
        )}`,
      );
    }
  };
}

// Keywords holding one schema, compared inside when both sides have it.
const SUBSCHEMAS = [
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
  'additionalItems',
];
// Keywords holding schemas by name.
const SCHEMA_MAPS = ['dependentSchemas', 'patternProperties'];

/**
 * What changed inside the schemas these keywords hold (not `not`, whose
 * meaning is the reverse of what it holds).
 */
const subschemasCheck: SchemaCheck = ({
  base,
  revision,
  descend,
  basePointer,
  revisionPointer,
}) => {
  const pair = (
    segment: string,
    before: unknown,
    after: unknown,
    tokens: string[],
  ) => {
    if (!isObject(before) || !isObject(after)) return;
    descend(
      segment,
      { node: before, pointer: childPointer(basePointer, ...tokens) },
      { node: after, pointer: childPointer(revisionPointer, ...tokens) },
    );
  };
  for (const keyword of SUBSCHEMAS) {
    pair(`<${keyword}>`, base[keyword], revision[keyword], [keyword]);
  }
  for (const keyword of SCHEMA_MAPS) {
    if (!isObject(base[keyword]) || !isObject(revision[keyword])) continue;
    for (const key of Object.keys(revision[keyword])) {
      pair(`<${keyword} ${key}>`, base[keyword][key], revision[keyword][key], [
        keyword,
        key,
      ]);
    }
  }
  if (Array.isArray(base.prefixItems) && Array.isArray(revision.prefixItems)) {
    revision.prefixItems.forEach((after: unknown, index: number) =>
      pair(`[${index}]`, base.prefixItems[index], after, [
        'prefixItems',
        String(index),
      ]),
    );
  }
};

export const JSON_SCHEMA_2020_CHECKS: SchemaCheck[] = [
  presenceCheck('if', 'if'),
  presenceCheck('then', 'then'),
  presenceCheck('else', 'else'),
  presenceCheck('contains', 'contains'),
  countChange('minContains', 'min-contains'),
  countChange('maxContains', 'max-contains'),
  dependentRequiredCheck,
  entriesCheck('dependentSchemas', 'dependent-schema'),
  entriesCheck('patternProperties', 'pattern-property'),
  presenceCheck('propertyNames', 'property-names'),
  presenceCheck('unevaluatedItems', 'unevaluated-items'),
  presenceCheck('unevaluatedProperties', 'unevaluated-properties'),
  presenceCheck('prefixItems', 'prefix-items'),
  presenceCheck('contentSchema', 'content-schema'),
  valueChange('contentMediaType', 'content-media-type'),
  valueChange('contentEncoding', 'content-encoding'),
  subschemasCheck,
];

/** [request, response] levels of the changes above, as the reference checker rates them. */
export const JSON_SCHEMA_2020_LEVELS: Record<
  string,
  ['breaking' | 'warning' | 'info', 'breaking' | 'warning' | 'info']
> = {
  'if-added': ['breaking', 'info'],
  'if-removed': ['info', 'breaking'],
  'then-added': ['breaking', 'info'],
  'then-removed': ['info', 'breaking'],
  'else-added': ['breaking', 'info'],
  'else-removed': ['info', 'breaking'],
  'contains-added': ['breaking', 'info'],
  'contains-removed': ['info', 'breaking'],
  'min-contains-increased': ['breaking', 'info'],
  'min-contains-decreased': ['info', 'breaking'],
  'max-contains-increased': ['info', 'breaking'],
  'max-contains-decreased': ['breaking', 'info'],
  'dependent-required-added': ['breaking', 'info'],
  'dependent-required-removed': ['info', 'breaking'],
  'dependent-required-changed': ['breaking', 'breaking'],
  'dependent-schema-added': ['breaking', 'info'],
  'dependent-schema-removed': ['info', 'breaking'],
  'pattern-property-added': ['breaking', 'info'],
  'pattern-property-removed': ['info', 'breaking'],
  'property-names-added': ['breaking', 'info'],
  'property-names-removed': ['info', 'breaking'],
  'unevaluated-items-added': ['breaking', 'info'],
  'unevaluated-items-removed': ['info', 'breaking'],
  'unevaluated-properties-added': ['breaking', 'info'],
  'unevaluated-properties-removed': ['info', 'breaking'],
  // Tuple positions: a response that gains them sends shapes readers never saw.
  'prefix-items-added': ['info', 'breaking'],
  'prefix-items-removed': ['breaking', 'info'],
  'content-schema-added': ['breaking', 'info'],
  'content-schema-removed': ['info', 'breaking'],
  'content-media-type-changed': ['breaking', 'breaking'],
  'content-encoding-changed': ['breaking', 'breaking'],
};
