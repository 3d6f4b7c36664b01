import type { Node } from '@pgsql/types';
import { nameParts } from '../parse/names';

/**
 * Functions whose value does not change within a statement: a default made
 * of them is evaluated once when the column is added, so PostgreSQL 11+ adds
 * the column without rewriting the table. Any other function is taken as
 * volatile, which rewrites every row.
 */
const NON_VOLATILE_FUNCTIONS = new Set([
  'now',
  'statement_timestamp',
  'transaction_timestamp',
  'current_setting',
  'lower',
  'upper',
  'concat',
  'coalesce',
  'make_date',
  'make_interval',
  'to_jsonb',
  'jsonb_build_object',
  'json_build_object',
  'array',
]);

/** True when a default expression calls a function that may differ per row. */
export function isVolatileDefault(expr: Node | undefined): boolean {
  if (!expr) return false;
  const stack: unknown[] = [expr];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      stack.push(...item);
    } else if (item && typeof item === 'object') {
      const call = (item as { FuncCall?: { funcname?: Node[] } }).FuncCall;
      if (call) {
        const name = nameParts(call.funcname).pop()?.toLowerCase() ?? '';
        if (!NON_VOLATILE_FUNCTIONS.has(name)) return true;
      }
      stack.push(...Object.values(item));
    }
  }
  return false;
}
