import type { IncidentSummary } from './incidents';
import { ScoreExplanation } from './scores';
import type { GraphEdgeView, GraphObservedEdge } from './observations';

/**
 * How two services talk across an integration.
 *
 * @public
 */
export type IntegrationKind =
  | 'http'
  | 'event'
  | 'graphql'
  | 'grpc'
  | 'database'
  | 'other';

/**
 * Where the evidence for an integration came from.
 *
 * @public
 */
export type IntegrationSource =
  | 'consumesApi'
  | 'providesApi'
  | 'dependsOn'
  | 'contractEvidence';

/**
 * A problem with an integration that its owners should see.
 *
 * @public
 */
export type IntegrationFinding = {
  id:
    | 'accountable-owner-missing'
    | 'accountable-owner-invalid'
    | 'accountable-owner-conflict'
    | 'api-without-provider';
  level: 'error' | 'warning';
  message: string;
};

/**
 * Where the accountable owner of an integration was declared.
 *
 * @public
 */
export type AccountableOwnerSource =
  | 'consumer-annotation'
  | 'provider-annotation'
  | 'assigned';

/**
 * An accountable owner assigned through the API or the UI. It takes
 * precedence over the annotations; clearing it (ownerRef absent) returns
 * the integration to what its annotations declare.
 *
 * @public
 */
export type AccountableOwnerAssignment = {
  integrationId: string;
  ownerRef?: string;
  assignedBy: string;
  assignedAt: string;
  note?: string;
};

/**
 * The two scores of an integration, each with its explanation.
 *
 * @public
 */
export type IntegrationScores = {
  contract: ScoreExplanation;
  mock: ScoreExplanation;
  computedAt: string;
};

/**
 * A directed edge consumer → provider, optionally through an API entity.
 *
 * @public
 */
export type Integration = {
  id: string;
  consumerRef: string;
  providerRef: string;
  apiRef?: string;
  kind: IntegrationKind;
  sources: IntegrationSource[];
  consumerOwnerRef?: string;
  providerOwnerRef?: string;
  accountableOwnerRef?: string;
  accountableOwnerSource?: AccountableOwnerSource;
  /** Set when the accountable owner was assigned rather than declared. */
  accountableOwnerAssignment?: AccountableOwnerAssignment;
  /** Contract and mock freshness, once the sync has computed them. */
  scores?: IntegrationScores;
  findings: IntegrationFinding[];
  firstSeenAt: string;
  lastSeenAt: string;
};

/**
 * The integrations of one entity, in both directions.
 *
 * @public
 */
export type EntityIntegrations = {
  entityRef: string;
  /** Integrations where the entity is the consumer: what it depends on. */
  upstream: Integration[];
  /** Integrations where the entity (or the API it provides) is consumed: who depends on it. */
  downstream: Integration[];
  lastSync?: SyncRunSummary;
  /** The latest run, when it was held: what is shown is from `lastSync`. */
  heldSync?: SyncRunSummary;
};

/**
 * An error the sync job met on one entity. It never stops the run.
 *
 * @public
 */
export type SyncRunEntityError = {
  entityRef: string;
  code: string;
  message: string;
};

/**
 * Where a run of the sync job is. A `held` run read a catalog that looked
 * incomplete (far fewer entities than the last good run, or most of the
 * integrations gone) and changed nothing; its `error` says why. A `skipped`
 * run started while another run held the sync lease and did nothing; it is
 * kept for operators and never reported as the latest run.
 *
 * @public
 */
export type SyncRunStatus =
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'held'
  | 'skipped';

/**
 * What a run of the sync job read, found and changed.
 *
 * @public
 */
export type SyncRunCounts = {
  entitiesRead: number;
  integrations: number;
  integrationsAdded: number;
  integrationsGone: number;
  withoutAccountableOwner: number;
  entityErrors: number;
  /** API definitions read because their entity changed. */
  specsChecked?: number;
  /** APIs no longer in the catalog; their history is kept. */
  apisGone?: number;
  /** New spec versions recorded. */
  specVersionsAdded?: number;
  /** Breaking changes found in those versions. */
  breakingChanges?: number;
  /** Integrations whose scores were recomputed from their evidence. */
  integrationsScored?: number;
  /** New verifications the evidence sources reported. */
  evidenceRecorded?: number;
  /** Mock documents the evidence sources answered with. */
  mockDocuments?: number;
  /** Entities, teams, systems and domains in the day's health snapshot. */
  healthSubjects?: number;
  /** Breaking changes from spec history put on the calendar by this run. */
  calendarEntriesAdded?: number;
  /** Edges between services the observation sources reported. */
  observedEdges?: number;
  /** Database migrations recorded by this run. */
  migrationsAdded?: number;
  /** Edges telemetry saw between catalog entities that the catalog does not declare. */
  undeclaredEdges?: number;
  /** Declared edges with no traffic seen for the configured days. */
  notObservedEdges?: number;
  /** How long each step of the run took, in milliseconds. */
  stepMs?: SyncRunStepTimes;
};

/**
 * The milliseconds each step of a sync run took: reading the catalog,
 * storing integrations, spec history, the calendar, evidence, scores and
 * rollups.
 *
 * @public
 */
export type SyncRunStepTimes = Partial<
  Record<
    | 'catalog'
    | 'integrations'
    | 'specs'
    | 'calendar'
    | 'evidence'
    | 'scores'
    | 'rollups',
    number
  >
>;

/**
 * A run of the sync job without its entity errors.
 *
 * @public
 */
export type SyncRunSummary = {
  id: string;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt?: string;
  counts?: SyncRunCounts;
  error?: string;
};

/**
 * One run of the sync job.
 *
 * @public
 */
export type SyncRun = SyncRunSummary & {
  entityErrors: SyncRunEntityError[];
};

/**
 * One distinct definition of an API entity.
 *
 * @public
 */
export type SpecVersion = {
  id: string;
  apiRef: string;
  contentHash: string;
  format?: string;
  versionLabel?: string;
  observedAt: string;
  /** `catalog`: seen by the sync job; `seed`: recorded by a history module. */
  source: 'catalog' | 'seed';
  previousVersionId?: string;
  /** Why the version could not be compared with the one before. */
  error?: string;
  summary: { breaking: number; warning: number; info: number };
};

/**
 * A classified difference between a spec version and the one before it.
 *
 * @public
 */
export type SpecChange = {
  ruleId: string;
  level: 'breaking' | 'warning' | 'info';
  location: string;
  pointer: string;
  message: string;
  fingerprint: string;
  sunset?: string;
};

/**
 * Which way a dependency map is walked from an entity: towards what it
 * depends on (`upstream`), towards what depends on it (`downstream`), or both.
 *
 * @public
 */
export type GraphDirection = 'upstream' | 'downstream' | 'both';

/**
 * How healthy an entity's integrations on the map are.
 *
 * @public
 */
export type GraphNodeHealth = {
  /** The lowest known contract or mock score among its integrations shown. */
  lowestScore?: number;
  integrations: number;
  withEvidence: number;
};

/**
 * The dependency map around an entity, as far as the limits allowed.
 *
 * @public
 */
export type DependencyGraph = {
  root: string;
  direction: GraphDirection;
  /** Every entity reached, with its distance from the root and its health. */
  nodes: { ref: string; depth: number; health?: GraphNodeHealth }[];
  edges: Integration[];
  /** Which edges were walked; `declared` when not asked. */
  view?: GraphEdgeView;
  /**
   * With the observed view (or both): edges telemetry saw between the
   * nodes, and declared ones it did not see.
   */
  observed?: GraphObservedEdge[];
  /** Set when the walk stopped at a limit and more lies beyond. */
  truncated: { depth: boolean; nodes: boolean };
};

/**
 * Everyone a change to one entity reaches.
 *
 * @public
 */
export type BlastRadius = {
  apiRef: string;
  consumers: {
    ref: string;
    depth: number;
    path: string[];
    /** Reached through a call telemetry saw that the catalog does not declare. */
    via?: 'observed';
  }[];
  /** Whether observed calls were followed as well as declared integrations. */
  follows?: 'declared' | 'both';
  truncated: { depth: boolean; nodes: boolean };
};

/**
 * A breaking change (or a deprecation with a sunset date) found in an API's
 * spec history, with the consumers it reaches through current integrations.
 *
 * @public
 */
export type DetectedBreakingChange = {
  apiRef: string;
  versionId: string;
  versionLabel?: string;
  /** When the version with the change was first seen or published. */
  detectedAt: string;
  /** The sunset date for deprecations, otherwise when it was detected. */
  effectiveAt: string;
  ruleId: string;
  level: 'breaking' | 'warning' | 'info';
  location: string;
  message: string;
  fingerprint: string;
  sunset?: string;
  consumers: {
    consumerRef: string;
    integrationId: string;
    consumerOwnerRef?: string;
  }[];
};

/**
 * An evidence source as the last syncs saw it. `stale` when its last attempt
 * failed: the evidence it gave before is kept and used, and `lastError` says
 * why it is not fresh.
 *
 * @public
 */
export type EvidenceSourceStatus = {
  source: string;
  lastAttemptAt: string;
  lastSuccessAt?: string;
  lastError?: string;
  stale: boolean;
};

/**
 * The day's health of an entity, team (group, with its child groups),
 * system or domain: means over its integrations that have evidence, next to
 * how many have evidence at all and how many lack an accountable owner.
 *
 * @public
 */
export type HealthSnapshot = {
  day: string;
  contract?: number;
  mock?: number;
  integrations: number;
  withEvidence: number;
  withoutAccountableOwner: number;
};

/**
 * What the scorecard has a row for.
 *
 * @public
 */
export type ScorecardKind = 'team' | 'system' | 'domain';

/**
 * One row of the scorecard: a team (with the groups below it), system or domain.
 *
 * @public
 */
export type ScorecardRow = {
  ref: string;
  integrations: number;
  asProvider: number;
  asConsumer: number;
  /** Share (0–1) of integrations with an accountable owner. */
  ownedShare: number;
  contract?: number;
  mock?: number;
  /** Share (0–1) of integrations with any evidence. */
  evidenceShare: number;
  /** Teams only: entries announced, and consumers' pending and overdue acknowledgements. */
  breakingChanges?: { announced: number; pending: number; overdue: number };
  /** Incidents at its integrations that began inside the window. */
  incidents: IncidentSummary;
  /**
   * Edges telemetry saw that the catalog does not declare, and declared
   * edges it saw no traffic on, on either side of which the subject is;
   * absent while nothing observes.
   */
  observed?: { undeclared: number; notObserved: number };
  /** Change since the start of the window, where both ends are known. */
  trend: {
    contract?: number;
    mock?: number;
    ownedShare?: number;
    evidenceShare?: number;
    undeclared?: number;
    notObserved?: number;
  };
};

/**
 * The cross-team scorecard from the newest daily snapshot (`day`), with
 * trends since the snapshot at the start of the window (`since`).
 *
 * @public
 */
export type Scorecard = {
  kind: ScorecardKind;
  day?: string;
  since?: string;
  windowDays: number;
  rows: ScorecardRow[];
};

/**
 * The integrations a team, system or domain counts, worst first: those with
 * incidents in the window, then the lowest scores.
 *
 * @public
 */
export type SubjectIntegrations = {
  subjectRef: string;
  windowDays: number;
  /** How many there are; `items` holds at most the requested limit. */
  total: number;
  items: (Integration & {
    /** The side of the integration the subject is on. */
    side: 'provider' | 'consumer' | 'both';
    /** Incidents that began inside the window. */
    incidents: number;
  })[];
};
