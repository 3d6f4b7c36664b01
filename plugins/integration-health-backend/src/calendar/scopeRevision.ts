import { CalendarChange } from '@integration-health/plugin-integration-health-common';

/** What consumers acknowledge about an entry: when it lands and what it touches. */
export type EntryScope = {
  effectiveAt: string;
  operations?: string[];
  changes?: CalendarChange[];
};

// A change is the same change when its rule, level, place and fingerprint
// are; rewording its message does not ask consumers to look again.
const changeKey = (c: CalendarChange) =>
  JSON.stringify([c.ruleId, c.level, c.location, c.fingerprint ?? '']);

const asSet = (values: string[]) => JSON.stringify([...new Set(values)].sort());

/**
 * Whether an edit invalidates the acknowledgements given so far: the entry
 * now lands earlier, or touches other operations or changes. Moving it later
 * or rewording it does not. The migration 202612031000 applies the same rule
 * to the history recorded before it.
 */
export function reopensAcknowledgements(
  before: EntryScope,
  after: EntryScope,
): boolean {
  return (
    Date.parse(after.effectiveAt) < Date.parse(before.effectiveAt) ||
    asSet(before.operations ?? []) !== asSet(after.operations ?? []) ||
    asSet((before.changes ?? []).map(changeKey)) !==
      asSet((after.changes ?? []).map(changeKey))
  );
}
