import {
  CalendarChange,
  IntegrationScores,
} from '@integration-health/plugin-integration-health-common';
import { operationOf } from '../evidence/scores/changesOnOperations';

/**
 * The operations a consumer uses, where its mocks say so (the mock score
 * records the operations mocked); undefined when nothing says.
 */
export function operationsUsed(
  scores: IntegrationScores | undefined,
): Set<string> | undefined {
  const listed = scores?.mock.inputs.operationsMocked;
  return typeof listed === 'string' && listed
    ? new Set(listed.split(', '))
    : undefined;
}

/**
 * The operations a change touches: those stated, else where its findings are;
 * undefined when any finding is not at one operation (then it may touch any).
 */
export function operationsTouched(entry: {
  operations: string[];
  changes: Pick<CalendarChange, 'location'>[];
}): Set<string> | undefined {
  if (entry.operations.length > 0) return new Set(entry.operations);
  if (entry.changes.length === 0) return undefined;
  const located = entry.changes.map(c => operationOf(c));
  return located.every((o): o is string => o !== undefined)
    ? new Set(located)
    : undefined;
}

/** Whether a change reaches a consumer: yes unless both sides are known and do not meet. */
export function reaches(
  touched: Set<string> | undefined,
  used: Set<string> | undefined,
): boolean {
  if (!touched || !used) return true;
  return [...touched].some(op => used.has(op));
}
