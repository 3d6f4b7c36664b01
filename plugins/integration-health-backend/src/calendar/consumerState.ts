import {
  AcknowledgementRecord,
  AcknowledgementState,
} from '@integration-health/plugin-integration-health-common';

/**
 * Where a consumer stands, from its acknowledgement trail (oldest first):
 * only records for the entry's current scope revision count. An
 * acknowledgement of an earlier revision, not withdrawn, is shown as the
 * previous one, and the consumer needs to acknowledge again.
 */
export function consumerState(
  trail: AcknowledgementRecord[] | undefined,
  scopeRevision: number,
  acknowledgeBy: string,
  now: Date,
): {
  state: AcknowledgementState;
  acknowledgement?: AcknowledgementRecord;
  needsReacknowledgement?: boolean;
  previousAcknowledgement?: AcknowledgementRecord;
} {
  const current = (trail ?? []).filter(r => r.scopeRevision === scopeRevision);
  const last = current[current.length - 1];
  if (last?.action === 'acknowledged') {
    return { state: 'acknowledged', acknowledgement: last };
  }
  const state: AcknowledgementState =
    Date.parse(acknowledgeBy) < now.getTime() ? 'overdue' : 'pending';
  const earlier = (trail ?? []).filter(r => r.scopeRevision < scopeRevision);
  const previous = earlier[earlier.length - 1];
  if (current.length === 0 && previous?.action === 'acknowledged') {
    return {
      state,
      needsReacknowledgement: true,
      previousAcknowledgement: previous,
    };
  }
  return { state };
}

/** How many records the trail holds for this scope revision: the next one's step. */
export function nextStep(
  trail: AcknowledgementRecord[] | undefined,
  scopeRevision: number,
): number {
  return (trail ?? []).filter(r => r.scopeRevision === scopeRevision).length;
}
