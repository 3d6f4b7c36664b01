import {
  CompoundEntityRef,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ACCOUNTABLE_OWNER_ANNOTATION,
  SyncRunEntityError,
} from '@integration-health/plugin-integration-health-common';

/** What one entity's accountable-owner annotation says, after validation. */
export type AccountableOwnerDeclaration = {
  entityRef: string;
  /** Valid group for every integration of the entity on its side. */
  defaultOwner?: string;
  /** Valid group per counterpart ref. */
  ownerByCounterpart: Map<string, string>;
  /** Declared values that did not validate, so integrations can say why they have no owner. */
  rejectedDefault?: string;
  rejectedByCounterpart: Map<string, string>;
};

const validator = makeValidator();

/** parseEntityRef is lenient (it accepts `a/b/c`); names must also be valid. */
function strictParse(
  raw: string,
  defaults: { defaultKind?: string; defaultNamespace: string },
): CompoundEntityRef | undefined {
  try {
    const ref = parseEntityRef(raw, defaults);
    return validator.isValidKind(ref.kind) &&
      validator.isValidNamespace(ref.namespace) &&
      validator.isValidEntityName(ref.name)
      ? ref
      : undefined;
  } catch {
    return undefined;
  }
}

type ParseResult = {
  declaration: AccountableOwnerDeclaration;
  errors: SyncRunEntityError[];
};

function parseGroupRef(
  raw: string,
  namespace: string,
  knownGroups: ReadonlySet<string>,
): { ref: string } | { code: string; reason: string } {
  const parsed = strictParse(raw, {
    defaultKind: 'group',
    defaultNamespace: namespace,
  });
  if (!parsed) {
    return {
      code: 'accountable-owner-malformed',
      reason: `'${raw}' is not an entity reference`,
    };
  }
  if (parsed.kind.toLocaleLowerCase('en-US') !== 'group') {
    return {
      code: 'accountable-owner-not-a-group',
      reason: `'${raw}' is a ${parsed.kind}, not a group`,
    };
  }
  const ref = stringifyEntityRef(parsed);
  if (!knownGroups.has(ref)) {
    return {
      code: 'accountable-owner-unknown-group',
      reason: `group '${ref}' is not in the catalog`,
    };
  }
  return { ref };
}

function parseCounterpartRef(
  raw: string,
  namespace: string,
): string | undefined {
  const parsed = strictParse(raw, { defaultNamespace: namespace });
  return parsed && stringifyEntityRef(parsed);
}

/**
 * Parses the accountable-owner annotation of one entity. Every entry that does
 * not validate is reported and left out; the rest still applies.
 */
export function parseAccountableOwnerAnnotation(options: {
  entityRef: string;
  namespace: string;
  value: string | undefined;
  knownGroups: ReadonlySet<string>;
}): ParseResult {
  const { entityRef, namespace, value, knownGroups } = options;
  const declaration: AccountableOwnerDeclaration = {
    entityRef,
    ownerByCounterpart: new Map(),
    rejectedByCounterpart: new Map(),
  };
  const errors: SyncRunEntityError[] = [];
  const report = (code: string, reason: string) =>
    errors.push({
      entityRef,
      code,
      message: `Annotation ${ACCOUNTABLE_OWNER_ANNOTATION}: ${reason}`,
    });

  if (value === undefined) {
    return { declaration, errors };
  }
  const entries = value
    .split(',')
    .map(e => e.trim())
    .filter(Boolean);
  if (entries.length === 0) {
    report('accountable-owner-malformed', 'the value is empty');
  }

  for (const entry of entries) {
    const parts = entry.split('=').map(p => p.trim());
    if (parts.length > 2 || parts.some(p => !p)) {
      report(
        'accountable-owner-malformed',
        `'${entry}' is neither '<group>' nor '<counterpart ref>=<group>'`,
      );
      continue;
    }
    const [first, second] = parts;
    const counterpartRaw = second === undefined ? undefined : first;
    const groupRaw = second ?? first;

    let counterpartRef: string | undefined;
    if (counterpartRaw !== undefined) {
      counterpartRef = parseCounterpartRef(counterpartRaw, namespace);
      if (!counterpartRef) {
        report(
          'accountable-owner-malformed',
          `'${counterpartRaw}' in '${entry}' is not an entity reference with a kind (e.g. api:transaction-events)`,
        );
        continue;
      }
    }

    const group = parseGroupRef(groupRaw, namespace, knownGroups);
    if ('code' in group) {
      report(group.code, `${group.reason}; not used as accountable owner`);
      if (counterpartRef) {
        declaration.rejectedByCounterpart.set(counterpartRef, groupRaw);
      } else {
        declaration.rejectedDefault = groupRaw;
      }
      continue;
    }
    if (counterpartRef) {
      declaration.ownerByCounterpart.set(counterpartRef, group.ref);
    } else if (declaration.defaultOwner) {
      report(
        'accountable-owner-malformed',
        `more than one default owner; using '${declaration.defaultOwner}'`,
      );
    } else {
      declaration.defaultOwner = group.ref;
    }
  }
  return { declaration, errors };
}
