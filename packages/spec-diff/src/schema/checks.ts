import { JSON_SCHEMA_2020_CHECKS } from './jsonSchema2020Checks';
import { Sunset, sunsetOf } from '../lifecycle';
import { StabilityLevel, stabilityOf, stabilityRank } from '../lifecycle';
import type { CheckContext } from './SchemaComparator';
import { childPointer } from './schemaPaths';
import { listOfTypesChange, typeVerdict } from './typeChanges';
import {
  Bound,
  isNullable,
  isObject,
  lowerBound,
  exclusiveLowerBound,
  exclusiveUpperBound,
  propertiesOf,
  requiredOf,
  Schema,
  same,
  show,
  typesOf,
  upperBound,
} from './schemaModel';

export type SchemaCheck = (context: CheckContext) => void;

const typeCheck: SchemaCheck = ({
  base,
  revision,
  direction,
  emit,
  resolve,
}) => {
  const list = listOfTypesChange(base, revision, (side, node) =>
    resolve(side, node),
  );
  if (list) {
    const describe = (types: string[]) => types.join(', ');
    // A request that accepts fewer types breaks senders; a response that may
    // hold more breaks readers.
    if (direction === 'request') {
      if (list.removed.length)
        emit(
          'list-of-types-narrowed',
          `no longer accepts ${describe(list.removed)}`,
        );
      else emit('list-of-types-widened', `now accepts ${describe(list.added)}`);
    } else if (list.added.length)
      emit('list-of-types-widened', `may now hold ${describe(list.added)}`);
    else
      emit(
        'list-of-types-narrowed',
        `no longer holds ${describe(list.removed)}`,
      );
    // Alternatives of plain types are judged as a list only; a `type` array
    // is also a type, judged as the reference checker judges type changes.
    const alternatives = (schema: Schema) => !!(schema.oneOf || schema.anyOf);
    if (alternatives(base) || alternatives(revision)) return;
  }
  const before = typesOf(base);
  const after = typesOf(revision);
  if (same(before, after) && (base.format ?? '') === (revision.format ?? ''))
    return;
  const describe = (types: string[], format: unknown) =>
    `${types.join('|') || 'any'}${format ? ` (${format})` : ''}`;
  emit(
    'type-changed',
    `type changed from ${describe(before, base.format)} to ${describe(
      after,
      revision.format,
    )}`,
    {
      facts: {
        typeVerdict: {
          strong: typeVerdict(base, revision, direction, true),
          loose: typeVerdict(base, revision, direction, false),
        },
      },
    },
  );
};

const nullableCheck: SchemaCheck = ({ base, revision, emit }) => {
  const before = isNullable(base);
  const after = isNullable(revision);
  if (!before && after) emit('became-nullable', 'became nullable');
  if (before && !after) emit('became-not-nullable', 'is no longer nullable');
};

const enumCheck: SchemaCheck = ({ base, revision, emit }) => {
  const before = Array.isArray(base.enum) ? base.enum : undefined;
  const after = Array.isArray(revision.enum) ? revision.enum : undefined;
  if (!before && after) {
    emit('became-enum', `became an enum of ${show(after)}`);
    return;
  }
  if (before && !after) {
    emit('enum-removed', `is no longer limited to ${show(before)}`);
    return;
  }
  if (!before || !after) return;
  const keys = (list: unknown[]) => new Set(list.map(v => JSON.stringify(v)));
  const afterKeys = keys(after);
  const beforeKeys = keys(before);
  for (const value of before) {
    if (!afterKeys.has(JSON.stringify(value))) {
      emit('enum-value-removed', `enum value ${show(value)} removed`);
    }
  }
  for (const value of after) {
    if (!beforeKeys.has(JSON.stringify(value))) {
      emit('enum-value-added', `enum value ${show(value)} added`);
    }
  }
};

/** `x-extensible-enum`: values clients may send, which servers may extend. */
const extensibleEnumCheck: SchemaCheck = ({ base, revision, emit }) => {
  const before = base['x-extensible-enum'];
  const after = revision['x-extensible-enum'];
  if (!Array.isArray(before) || !Array.isArray(after)) return;
  const afterKeys = new Set(after.map(v => JSON.stringify(v)));
  const beforeKeys = new Set(before.map(v => JSON.stringify(v)));
  for (const value of before) {
    if (!afterKeys.has(JSON.stringify(value)))
      emit(
        'x-extensible-enum-value-removed',
        `x-extensible-enum value ${show(value)} removed`,
      );
  }
  for (const value of after) {
    if (!beforeKeys.has(JSON.stringify(value)))
      emit(
        'x-extensible-enum-value-added',
        `x-extensible-enum value ${show(value)} added`,
      );
  }
};

function valueKeywordCheck(
  keyword: 'const' | 'default',
  name: string,
): SchemaCheck {
  return ({ base, revision, emit }) => {
    const hadIt = keyword in base;
    const hasIt = keyword in revision;
    if (!hadIt && hasIt) {
      emit(`${name}-added`, `${keyword} ${show(revision[keyword])} added`);
    } else if (hadIt && !hasIt) {
      emit(`${name}-removed`, `${keyword} ${show(base[keyword])} removed`, {
        inBase: true,
      });
    } else if (hadIt && hasIt && !same(base[keyword], revision[keyword])) {
      emit(
        `${name}-changed`,
        `${keyword} changed from ${show(base[keyword])} to ${show(
          revision[keyword],
        )}`,
      );
    }
  };
}

/** Compares bounds where a larger value is wider (upper) or narrower (lower). */
function boundCheck(
  read: (s: Record<string, any>) => Bound | undefined,
  upper: boolean,
): SchemaCheck {
  return ({ base, revision, emit }) => {
    const before = read(base);
    const after = read(revision);
    if (!before && !after) return;
    const name = (after ?? before)!.keyword;
    const label = name
      .replace('-', ' ')
      .replace('max', 'maximum')
      .replace('min', 'minimum');
    if (!before && after) {
      emit(`${name}-set`, `${label} ${after.value} set`);
      return;
    }
    if (before && !after) {
      emit(`${name}-unset`, `${label} ${before.value} removed`, {
        inBase: true,
      });
      return;
    }
    // Compare effective bounds: an exclusive bound is tighter than an
    // inclusive one, so it sits just below an upper and just above a lower.
    const b = before!;
    const a = after!;
    const tighter = upper ? -1 : 1;
    let exclusivity = 0;
    if (a.exclusive !== b.exclusive)
      exclusivity = a.exclusive ? tighter : -tighter;
    const order = a.value - b.value || exclusivity;
    if (order === 0) return;
    const wider = upper ? order > 0 : order < 0;
    const mixed = upper ? 'max' : 'min';
    const keyword = b.keyword === a.keyword ? a.keyword : mixed;
    const text = `${label} changed from ${b.exclusive ? '<' : '≤'}${
      b.value
    } to ${a.exclusive ? '<' : '≤'}${a.value}`;
    if (upper) emit(`${keyword}-${wider ? 'increased' : 'decreased'}`, text);
    else emit(`${keyword}-${wider ? 'decreased' : 'increased'}`, text);
  };
}

function countCheck(keyword: string, name: string): SchemaCheck {
  return ({ base, revision, emit }) => {
    const before =
      typeof base[keyword] === 'number' ? base[keyword] : undefined;
    const after =
      typeof revision[keyword] === 'number' ? revision[keyword] : undefined;
    if (before === after) return;
    if (before === undefined) emit(`${name}-set`, `${keyword} ${after} set`);
    else if (after === undefined)
      emit(`${name}-unset`, `${keyword} ${before} removed`, { inBase: true });
    else if (after > before)
      emit(
        `${name}-increased`,
        `${keyword} increased from ${before} to ${after}`,
      );
    else
      emit(
        `${name}-decreased`,
        `${keyword} decreased from ${before} to ${after}`,
      );
  };
}

/** Patterns every string matches (`.` matches no line end, so `^.*$` is not one). */
const MATCH_ANYTHING = new Set(['.*', '^.*', '.*$']);

const patternCheck: SchemaCheck = ({ base, revision, direction, emit }) => {
  // An empty pattern matches everything: it is no pattern.
  const before = base.pattern || undefined;
  const after = revision.pattern || undefined;
  if (before === after) return;
  if (before === undefined)
    emit('pattern-added', `pattern ${show(after)} added`);
  else if (after === undefined)
    emit('pattern-removed', `pattern ${show(before)} removed`, {
      inBase: true,
    });
  else if (direction === 'request' && MATCH_ANYTHING.has(after))
    // Whatever clients sent before still matches.
    emit(
      'pattern-generalized',
      `pattern changed from ${show(before)} to ${show(
        after,
      )}, which every value matches`,
    );
  else
    emit(
      'pattern-changed',
      `pattern changed from ${show(before)} to ${show(after)}`,
    );
};

function sunsetFacts(sunset: Sunset): { date?: string; invalid?: string } {
  if (!sunset.present) return {};
  return 'date' in sunset ? { date: sunset.date } : { invalid: sunset.invalid };
}

const deprecatedCheck: SchemaCheck = ({ base, revision, emit }) => {
  if (base.deprecated !== true && revision.deprecated === true) {
    const sunset = sunsetOf(revision);
    emit('deprecated', 'deprecated', {
      sunset: sunset.present && 'date' in sunset ? sunset.date : undefined,
      facts: { sunset: sunsetFacts(sunset) },
    });
  } else if (base.deprecated === true && revision.deprecated !== true) {
    emit('reactivated', 'is no longer deprecated');
  }
};

/** `x-stability-level` of a property: moved down (breaking) or up. */
const stabilityCheck: SchemaCheck = ({ base, revision, emit }) => {
  if (base['x-stability-level'] === revision['x-stability-level']) return;
  const before = stabilityOf(base);
  const after = stabilityOf(revision);
  for (const [stability, inBase] of [
    [before, true],
    [after, false],
  ] as const) {
    if ('invalid' in stability) {
      emit('invalid-stability-level', stability.invalid, {
        inBase,
        facts: { invalidStability: stability.invalid },
      });
      return;
    }
  }
  const from = (before as { level: StabilityLevel }).level;
  const to = (after as { level: StabilityLevel }).level;
  if (from === to || stabilityRank(from) < stabilityRank('beta')) return;
  if (stabilityRank(to) < stabilityRank(from))
    emit('stability-decreased', `stability decreased from ${from} to ${to}`);
  else emit('stability-increased', `stability increased from ${from} to ${to}`);
};

/**
 * A concrete object schema wrapped into a `oneOf` of alternatives: the base
 * properties found in some alternative moved there rather than disappeared.
 */
function oneOfWrapping(
  context: CheckContext,
): { moved: Set<string>; alternatives: number } | undefined {
  const { base, revision, resolve } = context;
  const baseProperties = Object.keys(propertiesOf(base));
  if (Array.isArray(base.oneOf) || baseProperties.length === 0)
    return undefined;
  if (
    !Array.isArray(revision.oneOf) ||
    revision.oneOf.length === 0 ||
    Object.keys(propertiesOf(revision)).length > 0 ||
    typesOf(revision).length > 0
  )
    return undefined;
  const alternatives = revision.oneOf.map(
    (node: unknown) => resolve('revision', node) ?? {},
  );
  const moved = new Set(
    baseProperties.filter(name =>
      alternatives.some(
        (alternative: any) => name in propertiesOf(alternative),
      ),
    ),
  );
  return moved.size ? { moved, alternatives: alternatives.length } : undefined;
}

/** Properties: added, removed, required or not, read/write-only, and what changed inside each. */
const propertiesCheck: SchemaCheck = context => {
  const {
    base,
    revision,
    direction,
    emit,
    resolve,
    descend,
    basePointer,
    revisionPointer,
  } = context;
  const before = propertiesOf(base);
  const after = propertiesOf(revision);
  const requiredBefore = requiredOf(base);
  const requiredAfter = requiredOf(revision);
  const wrapping = oneOfWrapping(context);
  // Consumers never send read-only properties, and never receive write-only
  // ones. The reference names the write-only ones of a response (info); a
  // read-only one in a request goes unmentioned.
  const hidden = direction === 'request' ? 'readOnly' : 'writeOnly';
  const schemaOf = (side: 'base' | 'revision', name: string) =>
    resolve(side, side === 'base' ? before[name] : after[name]);
  const isHidden = (schema: Record<string, unknown> | undefined) =>
    schema?.[hidden] === true;
  const unmentioned = (schema: Record<string, unknown> | undefined) =>
    direction === 'request' && isHidden(schema);
  const described = (required: boolean, schema?: Record<string, unknown>) =>
    `${required ? 'required' : 'optional'}${
      isHidden(schema) ? ' write-only' : ''
    } property`;

  for (const name of Object.keys(after)) {
    if (name in before) continue;
    const schema = schemaOf('revision', name);
    if (unmentioned(schema)) continue;
    const required = requiredAfter.has(name);
    const hasDefault = schema !== undefined && 'default' in schema;
    emit(
      required ? 'property-added-required' : 'property-added-optional',
      `${described(required, schema)} added${
        required && hasDefault ? ` (with default ${show(schema!.default)})` : ''
      }`,
      { path: name, facts: { hasDefault, required, hidden: isHidden(schema) } },
    );
  }
  for (const name of Object.keys(before)) {
    if (name in after) continue;
    if (wrapping?.moved.has(name)) continue;
    const schema = schemaOf('base', name);
    if (unmentioned(schema)) continue;
    const required = requiredBefore.has(name);
    emit(
      required ? 'property-removed-required' : 'property-removed-optional',
      `${described(required, schema)} removed`,
      {
        path: name,
        inBase: true,
        facts: { required, hidden: isHidden(schema) },
      },
    );
  }
  for (const name of Object.keys(after)) {
    if (!(name in before)) continue;
    const revisionChild = childPointer(revisionPointer, 'properties', name);
    const beforeSchema = schemaOf('base', name) ?? {};
    const afterSchema = schemaOf('revision', name) ?? {};
    const wasRequired = requiredBefore.has(name);
    const isRequired = requiredAfter.has(name);
    if (wasRequired !== isRequired && !unmentioned(afterSchema)) {
      const hasDefault = 'default' in afterSchema;
      emit(
        isRequired ? 'became-required' : 'became-optional',
        `became ${isRequired ? 'required' : 'optional'}${
          isRequired && hasDefault
            ? ` (with default ${show(afterSchema.default)})`
            : ''
        }`,
        {
          path: name,
          facts: {
            hasDefault,
            required: isRequired,
            hidden: isHidden(afterSchema),
          },
        },
      );
    }
    for (const [keyword, label] of [
      ['readOnly', 'read-only'],
      ['writeOnly', 'write-only'],
    ] as const) {
      const was = beforeSchema[keyword] === true;
      const is = afterSchema[keyword] === true;
      if (was === is) continue;
      emit(
        is ? `became-${label}` : `became-not-${label}`,
        is ? `became ${label}` : `is no longer ${label}`,
        { path: name, facts: { required: isRequired, hidden: false } },
      );
    }
    descend(
      name,
      {
        node: before[name],
        pointer: childPointer(basePointer, 'properties', name),
      },
      { node: after[name], pointer: revisionChild },
    );
  }
};

const itemsCheck: SchemaCheck = ({
  base,
  revision,
  descend,
  basePointer,
  revisionPointer,
}) => {
  if (isObject(base.items) && isObject(revision.items)) {
    descend(
      '[]',
      { node: base.items, pointer: childPointer(basePointer, 'items') },
      { node: revision.items, pointer: childPointer(revisionPointer, 'items') },
    );
  }
};

const additionalPropertiesCheck: SchemaCheck = ({
  base,
  revision,
  emit,
  descend,
  basePointer,
  revisionPointer,
}) => {
  const before = base.additionalProperties;
  const after = revision.additionalProperties;
  if (isObject(before) && isObject(after)) {
    descend(
      '{}',
      {
        node: before,
        pointer: childPointer(basePointer, 'additionalProperties'),
      },
      {
        node: after,
        pointer: childPointer(revisionPointer, 'additionalProperties'),
      },
    );
    return;
  }
  const allowedBefore = before !== false;
  const allowedAfter = after !== false;
  if (allowedBefore && !allowedAfter)
    emit(
      'additional-properties-disallowed',
      'additional properties are no longer allowed',
    );
  if (!allowedBefore && allowedAfter)
    emit(
      'additional-properties-allowed',
      'additional properties are now allowed',
    );
};

// Keywords that describe a schema without constraining its values.
const ANNOTATIONS = new Set([
  'title',
  'description',
  'example',
  'examples',
  'externalDocs',
  'deprecated',
  'readOnly',
  'writeOnly',
  'default',
  '$comment',
  'xml',
]);

/** A schema that only annotates: `allOf: [{description: …}]` accepts everything. */
function annotatesOnly(schema: Schema | undefined): boolean {
  return (
    !!schema &&
    Object.keys(schema).every(
      key => ANNOTATIONS.has(key) || key.startsWith('x-'),
    )
  );
}

/** oneOf / anyOf / allOf: alternatives matched by `$ref` or position. */
function compositionCheck(
  keyword: 'oneOf' | 'anyOf' | 'allOf',
  name: string,
): SchemaCheck {
  return context => {
    const {
      base,
      revision,
      emit,
      descend,
      resolve,
      basePointer,
      revisionPointer,
    } = context;
    const before: unknown[] = Array.isArray(base[keyword]) ? base[keyword] : [];
    const after: unknown[] = Array.isArray(revision[keyword])
      ? revision[keyword]
      : [];
    if (before.length === 0 && after.length === 0) return;
    // Alternatives of plain types are a list of types, judged by the type check.
    if (
      keyword !== 'allOf' &&
      listOfTypesChange(base, revision, (side, node) => resolve(side, node))
    )
      return;
    const wrapped = keyword === 'oneOf' ? oneOfWrapping(context) : undefined;
    if (wrapped) {
      emit(
        'wrapped-in-one-of',
        `wrapped in a oneOf of ${wrapped.alternatives} alternatives: a payload that matches more than one of them is now rejected`,
      );
    }
    const keyOf = (node: unknown, index: number) => {
      if (isObject(node) && typeof node.$ref === 'string')
        return `ref:${node.$ref}`;
      if (isObject(node) && node.type === 'null') return 'null';
      return `#${index}`;
    };
    const beforeKeys = new Map(before.map((n, i) => [keyOf(n, i), i]));
    const afterKeys = new Map(after.map((n, i) => [keyOf(n, i), i]));
    const describe = (key: string) =>
      key.startsWith('ref:') ? key.slice(4) : `schema ${key}`;
    const onlyAnnotates = (side: 'base' | 'revision', index: number) =>
      keyword === 'allOf' &&
      annotatesOnly(
        resolve(side, side === 'base' ? before[index] : after[index]),
      );
    for (const [key, index] of afterKeys) {
      if (key === 'null') continue;
      const match = beforeKeys.get(key);
      if (match === undefined) {
        if (wrapped) continue;
        if (onlyAnnotates('revision', index))
          emit(
            `${name}-added-annotation-only`,
            `${keyword} ${describe(key)} added; it only annotates`,
          );
        else
          emit(
            `${name}-added`,
            `${keyword} alternative ${describe(key)} added`,
          );
      } else {
        descend(
          '',
          {
            node: before[match],
            pointer: childPointer(basePointer, keyword, String(match)),
          },
          {
            node: after[index],
            pointer: childPointer(revisionPointer, keyword, String(index)),
          },
        );
      }
    }
    for (const [key, index] of beforeKeys) {
      if (key === 'null' || afterKeys.has(key)) continue;
      if (onlyAnnotates('base', index))
        emit(
          `${name}-removed-annotation-only`,
          `${keyword} ${describe(key)} removed; it only annotated`,
          { inBase: true },
        );
      else
        emit(
          `${name}-removed`,
          `${keyword} alternative ${describe(key)} removed`,
          { inBase: true },
        );
    }
  };
}

const discriminatorCheck: SchemaCheck = ({ base, revision, emit }) => {
  const before = base.discriminator;
  const after = revision.discriminator;
  if (!before && after) emit('discriminator-added', 'discriminator added');
  else if (before && !after)
    emit('discriminator-removed', 'discriminator removed', { inBase: true });
  if (!before || !after) return;
  if (before.propertyName !== after.propertyName) {
    emit(
      'discriminator-property-name-changed',
      `discriminator property changed from '${before.propertyName}' to '${after.propertyName}'`,
    );
  }
  const mappingBefore = isObject(before.mapping) ? before.mapping : {};
  const mappingAfter = isObject(after.mapping) ? after.mapping : {};
  for (const [value, target] of Object.entries(mappingAfter)) {
    if (!(value in mappingBefore))
      emit(
        'discriminator-mapping-added',
        `discriminator value '${value}' now maps to ${show(target)}`,
      );
    else if (!same(mappingBefore[value], target))
      emit(
        'discriminator-mapping-changed',
        `discriminator value '${value}' now maps to ${show(
          target,
        )} instead of ${show(mappingBefore[value])}`,
      );
  }
  for (const value of Object.keys(mappingBefore)) {
    if (!(value in mappingAfter))
      emit(
        'discriminator-mapping-deleted',
        `discriminator value '${value}' no longer maps to ${show(
          mappingBefore[value],
        )}`,
        { inBase: true },
      );
  }
};

/** Every schema check, in the order their findings read best. */
export const SCHEMA_CHECKS: SchemaCheck[] = [
  typeCheck,
  nullableCheck,
  enumCheck,
  valueKeywordCheck('const', 'const'),
  valueKeywordCheck('default', 'default-value'),
  boundCheck(upperBound, true),
  boundCheck(exclusiveUpperBound, true),
  boundCheck(lowerBound, false),
  boundCheck(exclusiveLowerBound, false),
  countCheck('maxLength', 'max-length'),
  countCheck('minLength', 'min-length'),
  countCheck('maxItems', 'max-items'),
  countCheck('minItems', 'min-items'),
  countCheck('maxProperties', 'max-properties'),
  countCheck('minProperties', 'min-properties'),
  patternCheck,
  extensibleEnumCheck,
  deprecatedCheck,
  stabilityCheck,
  discriminatorCheck,
  compositionCheck('oneOf', 'one-of'),
  compositionCheck('anyOf', 'any-of'),
  compositionCheck('allOf', 'all-of'),
  ...JSON_SCHEMA_2020_CHECKS,
  propertiesCheck,
  itemsCheck,
  additionalPropertiesCheck,
];
