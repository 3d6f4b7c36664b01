import { SourceText } from '../parse/SourceText';
import { PostgresError } from './types';

type PgliteError = {
  message: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
};

function isPgliteError(error: unknown): error is PgliteError & Error {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

/**
 * PostgreSQL's error as plain data. Its `position` counts characters from 1
 * in the text sent; `offset` is where that text starts in `source`. Errors
 * that are not PostgreSQL's are rethrown.
 */
export function toPostgresError(
  error: unknown,
  source: SourceText,
  offset: number,
  fallbackLine?: number,
): PostgresError {
  if (!isPgliteError(error)) throw error;
  const position = Number(error.position);
  const line =
    Number.isInteger(position) && position > 0
      ? source.lineColumn(offset + position - 1).line
      : fallbackLine;
  return {
    message: error.message,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.hint ? { hint: error.hint } : {}),
    ...(line !== undefined ? { line } : {}),
  };
}
