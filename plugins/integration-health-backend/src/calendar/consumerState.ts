import {
  AcknowledgementRecord,
  AcknowledgementState,
} from '@integration-health/plugin-integration-health-common';

/** Where a consumer stands, from its acknowledgement trail (oldest first). */
export function consumerState(
  trail: AcknowledgementRecord[] | undefined,
  effectiveAt: string,
  now: Date,
): { state: AcknowledgementState; acknowledgement?: AcknowledgementRecord } {
  const last = trail?.[trail.length - 1];
  if (last?.action === 'acknowledged') {
    return { state: 'acknowledged', acknowledgement: last };
  }
  return {
    state: Date.parse(effectiveAt) < now.getTime() ? 'overdue' : 'pending',
  };
}
