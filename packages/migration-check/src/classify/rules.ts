import { FindingLevel } from '../types';

const B: FindingLevel = 'breaking';
const W: FindingLevel = 'warning';
const I: FindingLevel = 'info';

/**
 * Every rule the classifier applies, with its level. The ideas follow what
 * migration linters check (squawk, Atlas, strong_migrations): breaking means
 * a query or a writer that worked before fails after; warning means the
 * statement locks or rewrites a table, or may break writers depending on the
 * data; info is a harmless addition.
 *
 * @public
 */
export const MIGRATION_RULES: Record<string, FindingLevel> = {
  // Objects readers name disappear or move.
  'table-dropped': B,
  'table-renamed': B,
  'column-dropped': B,
  'column-renamed': B,
  'view-dropped': B,
  'view-renamed': B,
  'function-dropped': B,
  'function-renamed': B,
  'type-dropped': B,
  'type-renamed': B,
  'schema-dropped': B,
  'object-schema-changed': B,
  // Values readers and writers rely on change.
  'column-type-changed': B,
  'enum-value-removed': B,
  'enum-value-renamed': B,
  // Writers that omit the column or write NULL start failing.
  'column-added-not-null-without-default': B,
  'column-set-not-null': B,
  'column-default-dropped-not-null': B,
  // Locks or rewrites while it runs, or may reject existing data.
  'column-type-change-rewrites-table': W,
  'column-added-volatile-default': W,
  'index-created-non-concurrently': W,
  'index-dropped-non-concurrently': W,
  'unique-constraint-added': W,
  'primary-key-added': W,
  'check-constraint-added': W,
  'foreign-key-added': W,
  'type-recreated': W,
  // Readers may now see NULL where they never did.
  'column-not-null-dropped': W,
  // Harmless additions and changes.
  'table-created': I,
  'column-added-nullable': I,
  'column-added-with-default': I,
  'column-type-widened': I,
  'column-default-changed': I,
  'index-created-concurrently': I,
  'index-created-on-new-table': I,
  'index-dropped-concurrently': I,
  'view-created': I,
  'view-replaced': I,
  'function-created': I,
  'function-replaced': I,
  'type-created': I,
  'enum-value-added': I,
  'constraint-validated': I,
  'constraint-dropped': I,
  'constraint-renamed': I,
  'index-renamed': I,
  'schema-created': I,
};

/** The level of a rule id, or undefined for an id not in the registry. */
export function ruleLevel(ruleId: string): FindingLevel | undefined {
  return Object.prototype.hasOwnProperty.call(MIGRATION_RULES, ruleId)
    ? MIGRATION_RULES[ruleId]
    : undefined;
}
