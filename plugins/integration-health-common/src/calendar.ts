/**
 * A change on the breaking-change calendar's entry: one classified finding.
 *
 * @public
 */
export type CalendarChange = {
  ruleId: string;
  level: 'breaking' | 'warning' | 'info';
  location: string;
  message: string;
  /** Same change across runs; the CI check matches acknowledgements by it. */
  fingerprint?: string;
};

/**
 * Where a consumer stands on an entry: `acknowledged` before or after the
 * date, `pending` before it, `overdue` once the date passed without one.
 *
 * @public
 */
export type AcknowledgementState = 'acknowledged' | 'pending' | 'overdue';

/**
 * One record of the append-only acknowledgement trail.
 *
 * @public
 */
export type AcknowledgementRecord = {
  action: 'acknowledged' | 'withdrawn';
  byRef: string;
  at: string;
  /** The note of an acknowledgement, or the reason for withdrawing it. */
  note?: string;
  /**
   * The entry's `scopeRevision` this record was made for: an acknowledgement
   * counts only while the entry is still at that revision.
   */
  scopeRevision: number;
};

/**
 * A consumer an entry reaches, with its state.
 *
 * @public
 */
export type CalendarConsumer = {
  consumerRef: string;
  consumerOwnerRef?: string;
  integrationId: string;
  state: AcknowledgementState;
  /** The acknowledgement in force, when there is one. */
  acknowledgement?: AcknowledgementRecord;
  /**
   * True when the consumer had acknowledged an earlier revision of the entry
   * and the entry has since moved earlier or changed what it touches: it is
   * pending (or overdue) again until acknowledged anew.
   */
  needsReacknowledgement?: boolean;
  /** The acknowledgement of an earlier revision that no longer counts. */
  previousAcknowledgement?: AcknowledgementRecord;
  /** Whether the caller may acknowledge (or withdraw) for this consumer. */
  canAcknowledge?: boolean;
  /**
   * What telemetry saw of the consumer's integration as of the last full
   * sync: `seen: false` when it is declared but no traffic was seen for the
   * configured days (it may no longer call the API at all). Absent where
   * telemetry cannot see the integration.
   */
  traffic?: { seen: boolean; lastSeenAt?: string };
};

/**
 * A dated breaking change: detected in a spec version (effective when seen,
 * or at a deprecation's sunset date) or announced ahead by the provider's
 * owners.
 *
 * @public
 */
export type CalendarEntry = {
  id: string;
  origin: 'detected' | 'announced';
  apiRef: string;
  title: string;
  description?: string;
  /** Operations or channels it affects, when stated. */
  operations: string[];
  changes: CalendarChange[];
  effectiveAt: string;
  /**
   * When consumers must have acknowledged it, or they are overdue: the
   * effective date, except for changes detected as they shipped, which
   * allow a grace period after detection.
   */
  acknowledgeBy: string;
  migrationNotes?: string;
  migrationUrl?: string;
  /** Set when its owners cancelled it. */
  cancelledAt?: string;
  /** Goes up with every change of the entry itself. */
  sequence: number;
  /**
   * Goes up when the entry moves earlier or changes what it touches (its
   * changes or operations), not when it moves later or only its words
   * change. Acknowledgements of an earlier scope revision no longer count.
   */
  scopeRevision: number;
  /**
   * Goes up with every change of the entry or of its acknowledgements: the
   * feed's iCalendar SEQUENCE, so clients update the event.
   */
  revision: number;
  createdBy?: string;
  createdAt: string;
  updatedAt: string;
  consumers: CalendarConsumer[];
  /**
   * Consumers of the API that the change does not reach: their evidence
   * (mocks, pacts) shows they use none of the operations it touches.
   */
  unaffectedConsumerRefs?: string[];
  /** The owners of the components that provide the API. */
  providerOwnerRefs: string[];
  /** Whether the caller may edit or cancel it (announced entries only). */
  canManage?: boolean;
};

/**
 * What the provider's owners say when they announce or edit an entry.
 *
 * @public
 */
export type CalendarAnnouncement = {
  apiRef: string;
  title: string;
  description?: string;
  operations?: string[];
  effectiveAt: string;
  migrationNotes?: string;
  migrationUrl?: string;
  changes?: CalendarChange[];
};

/**
 * One change of an entry, as its history keeps it.
 *
 * @public
 */
export type CalendarEntryRevision = {
  action: 'created' | 'updated' | 'cancelled';
  byRef?: string;
  at: string;
  entry: Omit<
    CalendarEntry,
    | 'consumers'
    | 'canManage'
    | 'providerOwnerRefs'
    | 'acknowledgeBy'
    | 'revision'
  >;
};

/**
 * One consumer a breaking change in a candidate spec hits, and whether it
 * acknowledged the change.
 *
 * @public
 */
export type BreakingChangeCheckConsumer = {
  consumerRef: string;
  consumerOwnerRef?: string;
  acknowledged: boolean;
  /**
   * The consumer acknowledged an earlier revision of the entry, which has
   * since moved earlier or changed what it touches: it must acknowledge again.
   */
  needsReacknowledgement?: boolean;
  /** The calendar entry the acknowledgement is on, or that waits for one. */
  entryId?: string;
};

/**
 * The CI check's answer for a candidate spec
 * (`POST /api/integration-health/v1/calendar/check`).
 *
 * @public
 */
export type BreakingChangeCheckResult = {
  apiRef: string;
  baseVersion?: string;
  candidateVersion?: string;
  summary: { breaking: number; warning: number; info: number };
  breaking: (CalendarChange & { consumers: BreakingChangeCheckConsumer[] })[];
  /** Breaking change × consumer pairs without an acknowledgement. */
  unacknowledged: number;
  /** False when an unacknowledged breaking change hits a consumer: the pipeline should stop. */
  passed: boolean;
  /** The entry filed for breaking changes on no entry yet, when asked to. */
  announcedEntryId?: string;
};
