import { createApiRef } from '@backstage/core-plugin-api';
import {
  AccountableOwnerAssignment,
  BlastRadius,
  BriefSubject,
  CalendarAnnouncement,
  CalendarEntry,
  CalendarEntryRevision,
  DependencyGraph,
  DetectedBreakingChange,
  EntityIntegrations,
  EntityObservations,
  EvidenceSourceStatus,
  GraphDirection,
  GraphEdgeView,
  Scorecard,
  ScorecardKind,
  HealthSnapshot,
  IncidentEdit,
  IncidentInput,
  Integration,
  IntegrationBrief,
  IntegrationIncident,
  SubjectIntegrations,
  SpecChange,
  SpecVersion,
  SyncRun,
  GeneratedMockBundle,
  MockBundleFormat,
  ResourceSchema,
} from '@integration-health/plugin-integration-health-common';

/**
 * Reads integrations and sync runs from the Integration Health backend.
 *
 * @public
 */
export interface IntegrationHealthApi {
  /** The integrations an entity consumes and those that consume it, with the latest sync run. */
  getEntityIntegrations(entityRef: string): Promise<EntityIntegrations>;
  /**
   * What telemetry observed around an entity against what the catalog
   * declares: each edge confirmed, undeclared, not observed or with an
   * unknown service, undeclared first, with the observation sources.
   */
  getEntityObservations(entityRef: string): Promise<EntityObservations>;
  /** The dependency map around an entity, walked on the server. */
  getGraph(
    entityRef: string,
    options: {
      direction: GraphDirection;
      depth: number;
      /** Declared edges (the default), observed ones, or both. */
      edges?: GraphEdgeView;
    },
  ): Promise<DependencyGraph>;
  /**
   * Everyone a change to the entity reaches; with `follow: 'both'` also
   * through calls telemetry saw that the catalog does not declare.
   */
  getBlastRadius(
    entityRef: string,
    depth: number,
    follow?: 'declared' | 'both',
  ): Promise<BlastRadius>;
  /** Breaking changes in an API, or in the APIs a component consumes, with whom they reach. */
  getBreakingChanges(entityRef: string): Promise<DetectedBreakingChange[]>;
  /**
   * A database resource's migrations with their findings, its consumers'
   * declared queries and the latest check of a candidate migration.
   */
  getResourceSchema(entityRef: string): Promise<ResourceSchema>;
  /** Every recorded definition of an API entity, newest first. */
  getSpecVersions(entityRef: string): Promise<SpecVersion[]>;
  /** The classified changes one spec version brought. */
  getSpecChanges(entityRef: string, versionId: string): Promise<SpecChange[]>;
  /**
   * Assigns the accountable owner of an integration (a group ref), or clears
   * the assignment with `undefined`. Refused unless the caller may.
   */
  assignAccountableOwner(
    integrationId: string,
    ownerRef: string | undefined,
    note?: string,
  ): Promise<Integration>;
  /** Every assignment of an integration's accountable owner, newest first. */
  getAccountableOwnerAssignments(
    integrationId: string,
  ): Promise<AccountableOwnerAssignment[]>;
  /**
   * The daily health of an entity, team, system or domain over the last
   * `days` days, oldest first.
   */
  getHealthTrend(entityRef: string, days: number): Promise<HealthSnapshot[]>;
  /** Calendar entries (cancelled ones only when asked), by effective date. */
  getCalendar(options?: {
    includeCancelled?: boolean;
  }): Promise<CalendarEntry[]>;
  /** One entry with its history. */
  getCalendarEntry(
    entryId: string,
  ): Promise<CalendarEntry & { history: CalendarEntryRevision[] }>;
  /** Acknowledges an entry for a consumer, or withdraws that with a reason. */
  acknowledge(
    entryId: string,
    consumerRef: string,
    action: 'acknowledged' | 'withdrawn',
    note?: string,
  ): Promise<CalendarEntry>;
  /** Announces a planned breaking change (the API's or a provider's owners only). */
  announce(announcement: CalendarAnnouncement): Promise<CalendarEntry>;
  /** Changes an announced entry (its owners only); the history keeps the change. */
  updateAnnouncement(
    entryId: string,
    announcement: CalendarAnnouncement,
  ): Promise<CalendarEntry>;
  /** Cancels an announced entry (its owners only). */
  cancelAnnouncement(entryId: string): Promise<CalendarEntry>;
  /** The cross-team scorecard from the newest daily snapshot. */
  getScorecard(
    kind: ScorecardKind,
    windowDays: 30 | 90 | 365,
  ): Promise<Scorecard>;
  /** The same as CSV, its first line stating the snapshot date. */
  getScorecardCsv(
    kind: ScorecardKind,
    windowDays: 30 | 90 | 365,
  ): Promise<string>;
  /** Drill-down: the integrations a team, system or domain counts, worst first. */
  getScorecardIntegrations(
    subjectRef: string,
    windowDays: 30 | 90 | 365,
  ): Promise<SubjectIntegrations>;
  /** The incidents at one integration, newest first. */
  getIncidents(integrationId: string): Promise<IntegrationIncident[]>;
  /** The incidents at every integration of an entity, newest first. */
  getEntityIncidents(entityRef: string): Promise<IntegrationIncident[]>;
  /** Records an incident (owners of either side only). */
  recordIncident(
    integrationId: string,
    incident: IncidentInput,
  ): Promise<IntegrationIncident>;
  /** Replaces what was recorded about an incident (owners of either side only). */
  updateIncident(
    integrationId: string,
    incidentId: string,
    incident: IncidentInput,
  ): Promise<IntegrationIncident>;
  /** Every edit of an incident (who, when, what changed), oldest first. */
  getIncidentHistory(
    integrationId: string,
    incidentId: string,
  ): Promise<IncidentEdit[]>;
  /**
   * The consumer's mocks generated from the provider's current spec, for the
   * operations it uses.
   */
  getGeneratedMocks(
    integrationId: string,
    format: MockBundleFormat,
  ): Promise<GeneratedMockBundle>;
  /** One integration's daily contract and mock freshness, oldest first. */
  getIntegrationTrend(
    integrationId: string,
    days: number,
  ): Promise<{ day: string; contract?: number; mock?: number }[]>;
  /**
   * A facts-only brief about an integration, an entity or two teams over a
   * window (the last 90 days unless given), for post-mortems and escalations.
   */
  getBrief(
    subject: BriefSubject,
    window?: { from?: string; to?: string },
  ): Promise<IntegrationBrief>;
  /** The same brief as Markdown. */
  getBriefMarkdown(
    subject: BriefSubject,
    window?: { from?: string; to?: string },
  ): Promise<string>;
  /** Whether the user has an active calendar feed token. */
  getFeedStatus(): Promise<{
    active: boolean;
    createdAt?: string;
    expiresAt?: string;
  }>;
  /** A new feed link (shown once); the previous one stops working. */
  createFeedLink(): Promise<{ url: string; expiresAt?: string }>;
  /** Stops the user's feed link from working. */
  revokeFeedLink(): Promise<void>;
  /** Every evidence source and whether it is stale. */
  getEvidenceSources(): Promise<EvidenceSourceStatus[]>;
  /** The latest sync run, or undefined when the job has not run yet. */
  getLatestSyncRun(): Promise<SyncRun | undefined>;
}

/**
 * The reference of the Integration Health API, for `useApi` and API
 * factories.
 *
 * @public
 */
export const integrationHealthApiRef = createApiRef<IntegrationHealthApi>({
  id: 'plugin.integration-health.api',
});
