import { isRecordOf } from '@integration-health/plugin-integration-health-node';
import { createHash } from 'node:crypto';

/** What the source last read of one consumer: its locations' versions, and what they were read for. */
export type ConsumerRead = {
  /** Hash of the consumer's annotations, integrations and their providers' pacticipant names. */
  context: string;
  /** Per location, the version it was at. */
  locations: Record<string, string>;
};

const isString = (value: unknown): value is string => typeof value === 'string';

/** Whether a cursor's part is what the source keeps: a read per consumer ref. */
export const isConsumersRead = (
  value: unknown,
): value is Record<string, ConsumerRead> =>
  isRecordOf(
    value,
    (c: any): c is ConsumerRead =>
      isString(c?.context) && isRecordOf(c?.locations, isString),
  );

export const contextHash = (parts: unknown) =>
  createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
