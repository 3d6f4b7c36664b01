import { createHash } from 'node:crypto';

/** What the source last read of each consumer: its locations' versions, and what they were read for. */
export type ConsumerRead = {
  /** Hash of the consumer's integrations and their providers' pacticipant names. */
  context: string;
  /** Per location, the version it was at. */
  locations: Record<string, string>;
};

/** The cursor the mock-files source keeps between syncs. */
export type MockFilesCursor = {
  fullReadAt: string;
  consumers: Record<string, ConsumerRead>;
};

const VERSION = 1;

export function encodeCursor(cursor: MockFilesCursor): string {
  return JSON.stringify({ v: VERSION, ...cursor });
}

const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' &&
  value !== null &&
  Object.values(value).every(v => typeof v === 'string');

/** The cursor given back; undefined when absent or not one of ours. */
export function decodeCursor(
  text: string | undefined,
): MockFilesCursor | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text);
    if (
      value?.v !== VERSION ||
      typeof value.fullReadAt !== 'string' ||
      Number.isNaN(Date.parse(value.fullReadAt)) ||
      typeof value.consumers !== 'object' ||
      value.consumers === null ||
      !Object.values(value.consumers).every(
        (c: any) =>
          typeof c?.context === 'string' && isStringRecord(c?.locations),
      )
    ) {
      return undefined;
    }
    return { fullReadAt: value.fullReadAt, consumers: value.consumers };
  } catch {
    return undefined;
  }
}

export const contextHash = (parts: unknown) =>
  createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
