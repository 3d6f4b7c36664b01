/**
 * What an incident at an integration cost. Every part is optional: a
 * post-mortem states what it knows.
 *
 * @public
 */
export type IncidentImpact = {
  durationMinutes?: number;
  /** Transactions (requests, messages, payments) that failed or were lost. */
  affectedTransactions?: number;
  /** Money affected, in the currency's major unit. */
  money?: { amount: number; currency: string };
  /** Anything else worth knowing, in words. */
  description?: string;
};

/**
 * The change that triggered an incident: an entry of the breaking-change
 * calendar, or a version of the API's definition.
 *
 * @public
 */
export type IncidentTrigger = {
  calendarEntryId?: string;
  /** Filled in from the calendar entry when one is named. */
  calendarEntryTitle?: string;
  apiRef?: string;
  specVersion?: string;
};

/**
 * The evidence that was out of sync with reality: a mock or a contract
 * verification, with where to see it.
 *
 * @public
 */
export type IncidentEvidence = {
  kind: 'mock' | 'contract';
  description?: string;
  url?: string;
};

/**
 * What an owner records about an incident.
 *
 * @public
 */
export type IncidentInput = {
  /** What broke, in one line. */
  title: string;
  /** When it started (ISO 8601). */
  occurredAt: string;
  /** When it was over, if it is. */
  resolvedAt?: string;
  impact: IncidentImpact;
  trigger?: IncidentTrigger;
  outOfSync?: IncidentEvidence;
  postmortemUrls: string[];
};

/**
 * An incident recorded against an integration, with the integration's
 * scores on the last day before it, so a reader sees whether they warned.
 *
 * @public
 */
export type IntegrationIncident = IncidentInput & {
  id: string;
  integrationId: string;
  consumerRef: string;
  providerRef: string;
  apiRef?: string;
  recordedBy: string;
  recordedAt: string;
  updatedBy: string;
  updatedAt: string;
  /** How many times it was edited since it was recorded. */
  editCount?: number;
  /** Contract and mock freshness on the last day before it, when known. */
  scoresBefore?: { day: string; contract?: number; mock?: number };
  /**
   * Where the observation sources that saw the integration's traffic show
   * it around the incident (an hour either side): its failure rate, its
   * failed traces.
   */
  observed?: {
    from: string;
    to: string;
    links: { source: string; url: string }[];
  };
  /** Whether the caller may edit it. */
  canEdit?: boolean;
};

/**
 * Incidents at a team's, system's or domain's integrations in the scorecard window.
 *
 * @public
 */
export type IncidentSummary = {
  count: number;
  /** Summed where stated. */
  durationMinutes: number;
  affectedTransactions: number;
  /** Money affected, summed per currency (ISO 4217 code → amount). */
  money: Record<string, number>;
};

/**
 * One field an edit of an incident changed, with its value before and after
 * (absent when the field was not set).
 *
 * @public
 */
export type IncidentFieldChange = {
  [K in keyof IncidentInput]-?: {
    field: K;
    before?: IncidentInput[K];
    after?: IncidentInput[K];
  };
}[keyof IncidentInput];

/**
 * One edit of an incident: who, when and what changed.
 *
 * @public
 */
export type IncidentEdit = {
  editedBy: string;
  editedAt: string;
  changes: IncidentFieldChange[];
};
