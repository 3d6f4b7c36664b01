/**
 * What an evidence source that reads only what changed keeps between syncs
 * (as `CollectedEvidence.cursor`): when it last read everything, and what
 * it saw then and since, in a shape of its own.
 *
 * @public
 */
export type SourceCursor<T> = {
  /** ISO time of the last read of everything. */
  fullReadAt: string;
  seen: T;
};

const VERSION = 1;

/**
 * The cursor as the text a source answers with.
 *
 * @public
 */
export function encodeSourceCursor<T>(cursor: SourceCursor<T>): string {
  return JSON.stringify({ v: VERSION, ...cursor });
}

/**
 * The cursor given back, when it is one this source wrote (`isSeen` checks
 * its part) and its last full read is younger than `fullReadIntervalMs` at
 * `now`; undefined otherwise, and the source then reads everything.
 *
 * @public
 */
export function decodeSourceCursor<T>(
  text: string | undefined,
  options: {
    isSeen: (value: unknown) => value is T;
    now: number;
    fullReadIntervalMs: number;
  },
): SourceCursor<T> | undefined {
  if (!text) return undefined;
  let value: any;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const fullReadAt = Date.parse(value?.fullReadAt);
  if (
    value?.v !== VERSION ||
    Number.isNaN(fullReadAt) ||
    options.now - fullReadAt >= options.fullReadIntervalMs ||
    !options.isSeen(value.seen)
  ) {
    return undefined;
  }
  return { fullReadAt: value.fullReadAt, seen: value.seen };
}

/**
 * Whether a value is an object whose every value passes `check`.
 *
 * @public
 */
export function isRecordOf<T>(
  value: unknown,
  check: (item: unknown) => item is T,
): value is Record<string, T> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(check)
  );
}
