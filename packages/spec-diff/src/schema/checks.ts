import { JSON_SCHEMA_2020_CHECKS } from './jsonSchema2020Checks';
import { CheckContext, childPointer } from './SchemaComparator';
import {
  Bound,
  isNullable,
  isObject,
  lowerBound,
  propertiesOf,
  requiredOf,
  same,
  show,
  typesOf,
  upperBound,
} from './schemaModel';

export type SchemaCheck = (context: CheckContext) => void;

// Formats that only widen the one before them: a request accepting int64
// still accepts every int32.
const WIDER_FORMAT: Record<string, string> = {
  int32: 'int64',
  float: 'double',
};

const typeCheck: SchemaCheck = ({ base, revision, emit }) => {
  const before = typesOf(base);
  const after = typesOf(revision);
  const describe = (types: string[], format: unknown) =>
    `${types.join('|') || 'any'}${format ? ` (${format})` : ''}`;
  const from = describe(before, base.format);
  const to = describe(after, revision.format);

  if (same(before, after)) {
    if (base.format === revision.format) return;
    const generalized =
      (base.format && !revision.format) ||
      WIDER_FORMAT[String(base.format)] === revision.format;
    const specialized =
      (!base.format && revision.format) ||
      WIDER_FORMAT[String(revision.format)] === base.format;
    if (generalized)
      emit('type-generalized', `type widened from ${from} to ${to}`);
    else if (specialized)
      emit('type-specialized', `type narrowed from ${from} to ${to}`);
    else emit('type-changed', `type changed from ${from} to ${to}`);
    return;
  }
  if (before.length === 0) {
    emit('type-specialized', `type narrowed from any to ${to}`);
    return;
  }
  if (after.length === 0) {
    emit('type-generalized', `type widened from ${from} to any`);
    return;
  }
  if (same(before, ['integer']) && same(after, ['number'])) {
    emit('type-generalized', `type widened from ${from} to ${to}`);
    return;
  }
  if (same(before, ['number']) && same(after, ['integer'])) {
    emit('type-specialized', `type narrowed from ${from} to ${to}`);
    return;
  }
  const added = after.filter(t => !before.includes(t));
  const removed = before.filter(t => !after.includes(t));
  if (before.length > 1 || after.length > 1) {
    if (removed.length === 0) {
      emit('list-of-types-widened', `types widened from ${from} to ${to}`);
      return;
    }
    if (added.length === 0) {
      emit('list-of-types-narrowed', `types narrowed from ${from} to ${to}`);
      return;
    }
  }
  emit('type-changed', `type changed from ${from} to ${to}`);
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

const patternCheck: SchemaCheck = ({ base, revision, emit }) => {
  const before = base.pattern;
  const after = revision.pattern;
  if (before === after) return;
  if (before === undefined)
    emit('pattern-added', `pattern ${show(after)} added`);
  else if (after === undefined)
    emit('pattern-removed', `pattern ${show(before)} removed`, {
      inBase: true,
    });
  else
    emit(
      'pattern-changed',
      `pattern changed from ${show(before)} to ${show(after)}`,
    );
};

const deprecatedCheck: SchemaCheck = ({ base, revision, emit }) => {
  if (base.deprecated !== true && revision.deprecated === true) {
    emit('deprecated', 'deprecated');
  }
};

const readWriteOnlyCheck: SchemaCheck = ({ base, revision, emit }) => {
  for (const [keyword, name] of [
    ['readOnly', 'read-only'],
    ['writeOnly', 'write-only'],
  ] as const) {
    if (base[keyword] !== true && revision[keyword] === true)
      emit(`became-${name}`, `became ${name}`);
    if (base[keyword] === true && revision[keyword] !== true)
      emit(`became-not-${name}`, `is no longer ${name}`);
  }
};

/** Properties: added, removed, required or not, and what changed inside each. */
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
  // Consumers never send read-only properties, and never receive write-only ones.
  const hidden = direction === 'request' ? 'readOnly' : 'writeOnly';
  const isHidden = (
    side: 'base' | 'revision',
    node: unknown,
    pointer: string,
  ) => resolve(side, node, pointer)?.[hidden] === true;

  for (const name of Object.keys(after)) {
    const pointer = childPointer(revisionPointer, 'properties', name);
    if (name in before) continue;
    if (isHidden('revision', after[name], pointer)) continue;
    const required = requiredAfter.has(name);
    emit(
      required ? 'property-added-required' : 'property-added-optional',
      `${required ? 'required' : 'optional'} property added`,
      { path: name },
    );
  }
  for (const name of Object.keys(before)) {
    const pointer = childPointer(basePointer, 'properties', name);
    if (name in after) continue;
    if (isHidden('base', before[name], pointer)) continue;
    const required = requiredBefore.has(name);
    emit(
      required ? 'property-removed-required' : 'property-removed-optional',
      `${required ? 'required' : 'optional'} property removed`,
      { path: name, inBase: true },
    );
  }
  for (const name of Object.keys(after)) {
    if (!(name in before)) continue;
    const revisionChild = childPointer(revisionPointer, 'properties', name);
    const wasRequired = requiredBefore.has(name);
    const isRequired = requiredAfter.has(name);
    if (
      wasRequired !== isRequired &&
      !isHidden('revision', after[name], revisionChild)
    ) {
      emit(
        isRequired ? 'became-required' : 'became-optional',
        `became ${isRequired ? 'required' : 'optional'}`,
        { path: name },
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

/** oneOf / anyOf / allOf: alternatives matched by `$ref` or position. */
function compositionCheck(
  keyword: 'oneOf' | 'anyOf' | 'allOf',
  name: string,
): SchemaCheck {
  return ({ base, revision, emit, descend, basePointer, revisionPointer }) => {
    const before: unknown[] = Array.isArray(base[keyword]) ? base[keyword] : [];
    const after: unknown[] = Array.isArray(revision[keyword])
      ? revision[keyword]
      : [];
    if (before.length === 0 && after.length === 0) return;
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
    for (const [key, index] of afterKeys) {
      if (key === 'null') continue;
      const match = beforeKeys.get(key);
      if (match === undefined) {
        emit(`${name}-added`, `${keyword} alternative ${describe(key)} added`);
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
    for (const key of beforeKeys.keys()) {
      if (key !== 'null' && !afterKeys.has(key)) {
        emit(
          `${name}-removed`,
          `${keyword} alternative ${describe(key)} removed`,
          { inBase: true },
        );
      }
    }
  };
}

const discriminatorCheck: SchemaCheck = ({ base, revision, emit }) => {
  const before = base.discriminator;
  const after = revision.discriminator;
  if (!before && after) emit('discriminator-added', 'discriminator added');
  else if (before && !after)
    emit('discriminator-removed', 'discriminator removed', { inBase: true });
  else if (before && after && before.propertyName !== after.propertyName) {
    emit(
      'discriminator-property-name-changed',
      `discriminator property changed from '${before.propertyName}' to '${after.propertyName}'`,
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
  boundCheck(lowerBound, false),
  countCheck('maxLength', 'max-length'),
  countCheck('minLength', 'min-length'),
  countCheck('maxItems', 'max-items'),
  countCheck('minItems', 'min-items'),
  countCheck('maxProperties', 'max-properties'),
  countCheck('minProperties', 'min-properties'),
  patternCheck,
  deprecatedCheck,
  readWriteOnlyCheck,
  discriminatorCheck,
  compositionCheck('oneOf', 'one-of'),
  compositionCheck('anyOf', 'any-of'),
  compositionCheck('allOf', 'all-of'),
  ...JSON_SCHEMA_2020_CHECKS,
  propertiesCheck,
  itemsCheck,
  additionalPropertiesCheck,
];
