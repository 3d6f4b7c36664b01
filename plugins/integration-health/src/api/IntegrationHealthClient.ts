import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
  GeneratedMockBundle,
  MockBundleFormat,
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
  ResourceSchema,
} from '@integration-health/plugin-integration-health-common';
import { IntegrationHealthApi } from './IntegrationHealthApi';

function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/v1/entities/${[kind, namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}

const integrationPath = (integrationId: string) =>
  `/v1/integrations/${encodeURIComponent(integrationId)}`;

function briefQuery(
  subject: BriefSubject,
  window: { from?: string; to?: string } | undefined,
  format: 'json' | 'markdown',
): URLSearchParams {
  const query = new URLSearchParams();
  if (subject.kind === 'integration') {
    query.set('integrationId', subject.integrationId);
  } else if (subject.kind === 'entity') {
    query.set('entityRef', subject.entityRef);
  } else {
    query.set('teams', subject.teamRefs.join(','));
  }
  if (window?.from) query.set('from', window.from);
  if (window?.to) query.set('to', window.to);
  query.set('format', format);
  return query;
}

/**
 * Talks to /api/integration-health with the signed-in user's credentials.
 *
 * @public
 */
export class IntegrationHealthClient implements IntegrationHealthApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  /** {@inheritDoc IntegrationHealthApi.getEntityIntegrations} */
  async getEntityIntegrations(entityRef: string): Promise<EntityIntegrations> {
    return this.get(`${entityPath(entityRef)}/integrations`);
  }

  /** {@inheritDoc IntegrationHealthApi.getEntityObservations} */
  async getEntityObservations(entityRef: string): Promise<EntityObservations> {
    return this.get(`${entityPath(entityRef)}/observed`);
  }

  /** {@inheritDoc IntegrationHealthApi.getGraph} */
  async getGraph(
    entityRef: string,
    options: {
      direction: GraphDirection;
      depth: number;
      edges?: GraphEdgeView;
    },
  ): Promise<DependencyGraph> {
    const query = new URLSearchParams({
      direction: options.direction,
      depth: String(options.depth),
      maxNodes: '1000',
      edges: options.edges ?? 'declared',
    });
    return this.get(`${entityPath(entityRef)}/graph?${query}`);
  }

  /** {@inheritDoc IntegrationHealthApi.getBlastRadius} */
  async getBlastRadius(
    entityRef: string,
    depth: number,
    follow: 'declared' | 'both' = 'declared',
  ): Promise<BlastRadius> {
    const query = new URLSearchParams({
      depth: String(depth),
      maxNodes: '1000',
      follow,
    });
    return this.get(`${entityPath(entityRef)}/blast-radius?${query}`);
  }

  /** {@inheritDoc IntegrationHealthApi.getBreakingChanges} */
  async getBreakingChanges(
    entityRef: string,
  ): Promise<DetectedBreakingChange[]> {
    const { breakingChanges } = await this.get<{
      breakingChanges: DetectedBreakingChange[];
    }>(`${entityPath(entityRef)}/breaking-changes`);
    return breakingChanges;
  }

  /** {@inheritDoc IntegrationHealthApi.getResourceSchema} */
  async getResourceSchema(entityRef: string): Promise<ResourceSchema> {
    return this.get(`${entityPath(entityRef)}/schema`);
  }

  /** {@inheritDoc IntegrationHealthApi.getSpecVersions} */
  async getSpecVersions(entityRef: string): Promise<SpecVersion[]> {
    const { versions } = await this.get<{ versions: SpecVersion[] }>(
      `${entityPath(entityRef)}/spec-versions`,
    );
    return versions;
  }

  /** {@inheritDoc IntegrationHealthApi.getSpecChanges} */
  async getSpecChanges(
    entityRef: string,
    versionId: string,
  ): Promise<SpecChange[]> {
    const { changes } = await this.get<{ changes: SpecChange[] }>(
      `${entityPath(entityRef)}/spec-versions/${encodeURIComponent(
        versionId,
      )}/changes`,
    );
    return changes;
  }

  /** {@inheritDoc IntegrationHealthApi.assignAccountableOwner} */
  async assignAccountableOwner(
    integrationId: string,
    ownerRef: string | undefined,
    note?: string,
  ): Promise<Integration> {
    return this.request(`${integrationPath(integrationId)}/accountable-owner`, {
      method: 'PUT',
      body: { ownerRef: ownerRef ?? null, note },
    });
  }

  /** {@inheritDoc IntegrationHealthApi.getAccountableOwnerAssignments} */
  async getAccountableOwnerAssignments(
    integrationId: string,
  ): Promise<AccountableOwnerAssignment[]> {
    const { assignments } = await this.get<{
      assignments: AccountableOwnerAssignment[];
    }>(`${integrationPath(integrationId)}/accountable-owner/assignments`);
    return assignments;
  }

  /** {@inheritDoc IntegrationHealthApi.getHealthTrend} */
  async getHealthTrend(
    entityRef: string,
    days: number,
  ): Promise<HealthSnapshot[]> {
    const { snapshots } = await this.get<{ snapshots: HealthSnapshot[] }>(
      `${entityPath(entityRef)}/score-trend?days=${days}`,
    );
    return snapshots;
  }

  /** {@inheritDoc IntegrationHealthApi.getCalendar} */
  async getCalendar(
    options: { includeCancelled?: boolean } = {},
  ): Promise<CalendarEntry[]> {
    const [active, cancelled] = await Promise.all([
      this.get<{ items: CalendarEntry[] }>('/v1/calendar'),
      options.includeCancelled
        ? this.get<{ items: CalendarEntry[] }>('/v1/calendar?state=cancelled')
        : Promise.resolve({ items: [] }),
    ]);
    return [...active.items, ...cancelled.items].sort((a, b) =>
      a.effectiveAt.localeCompare(b.effectiveAt),
    );
  }

  /** {@inheritDoc IntegrationHealthApi.getCalendarEntry} */
  getCalendarEntry(entryId: string) {
    return this.get<CalendarEntry & { history: CalendarEntryRevision[] }>(
      `/v1/calendar/${encodeURIComponent(entryId)}`,
    );
  }

  /** {@inheritDoc IntegrationHealthApi.acknowledge} */
  acknowledge(
    entryId: string,
    consumerRef: string,
    action: 'acknowledged' | 'withdrawn',
    note?: string,
  ): Promise<CalendarEntry> {
    return this.request<CalendarEntry>(
      `/v1/calendar/${encodeURIComponent(entryId)}/acknowledgements`,
      { method: 'POST', body: { consumerRef, action, note } },
    );
  }

  /** {@inheritDoc IntegrationHealthApi.announce} */
  announce(announcement: CalendarAnnouncement) {
    return this.request<CalendarEntry>('/v1/calendar', {
      method: 'POST',
      body: announcement,
    });
  }

  /** {@inheritDoc IntegrationHealthApi.updateAnnouncement} */
  updateAnnouncement(entryId: string, announcement: CalendarAnnouncement) {
    return this.request<CalendarEntry>(
      `/v1/calendar/${encodeURIComponent(entryId)}`,
      {
        method: 'PUT',
        body: announcement,
      },
    );
  }

  /** {@inheritDoc IntegrationHealthApi.cancelAnnouncement} */
  cancelAnnouncement(entryId: string) {
    return this.request<CalendarEntry>(
      `/v1/calendar/${encodeURIComponent(entryId)}/cancel`,
      {
        method: 'POST',
      },
    );
  }

  /** {@inheritDoc IntegrationHealthApi.getScorecard} */
  getScorecard(kind: ScorecardKind, windowDays: 30 | 90 | 365) {
    return this.get<Scorecard>(
      `/v1/scorecard?kind=${kind}&window=${windowDays}`,
    );
  }

  /** {@inheritDoc IntegrationHealthApi.getScorecardCsv} */
  async getScorecardCsv(kind: ScorecardKind, windowDays: 30 | 90 | 365) {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'integration-health',
    );
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}/v1/scorecard?kind=${kind}&window=${windowDays}&format=csv`,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.text();
  }

  /** {@inheritDoc IntegrationHealthApi.getScorecardIntegrations} */
  getScorecardIntegrations(subjectRef: string, windowDays: 30 | 90 | 365) {
    const query = new URLSearchParams({
      ref: subjectRef,
      window: String(windowDays),
    });
    return this.get<SubjectIntegrations>(`/v1/scorecard/integrations?${query}`);
  }

  /** {@inheritDoc IntegrationHealthApi.getIncidents} */
  async getIncidents(integrationId: string) {
    const { items } = await this.get<{ items: IntegrationIncident[] }>(
      `${integrationPath(integrationId)}/incidents`,
    );
    return items;
  }

  /** {@inheritDoc IntegrationHealthApi.getEntityIncidents} */
  async getEntityIncidents(entityRef: string) {
    const { items } = await this.get<{ items: IntegrationIncident[] }>(
      `${entityPath(entityRef)}/incidents`,
    );
    return items;
  }

  /** {@inheritDoc IntegrationHealthApi.recordIncident} */
  recordIncident(integrationId: string, incident: IncidentInput) {
    return this.request<IntegrationIncident>(
      `${integrationPath(integrationId)}/incidents`,
      { method: 'POST', body: incident },
    );
  }

  /** {@inheritDoc IntegrationHealthApi.updateIncident} */
  updateIncident(
    integrationId: string,
    incidentId: string,
    incident: IncidentInput,
  ) {
    return this.request<IntegrationIncident>(
      `${integrationPath(integrationId)}/incidents/${encodeURIComponent(
        incidentId,
      )}`,
      { method: 'PUT', body: incident },
    );
  }

  /** {@inheritDoc IntegrationHealthApi.getIncidentHistory} */
  async getIncidentHistory(integrationId: string, incidentId: string) {
    const { items } = await this.get<{ items: IncidentEdit[] }>(
      `${integrationPath(integrationId)}/incidents/${encodeURIComponent(
        incidentId,
      )}/history`,
    );
    return items;
  }

  /** {@inheritDoc IntegrationHealthApi.getGeneratedMocks} */
  getGeneratedMocks(integrationId: string, format: MockBundleFormat) {
    return this.get<GeneratedMockBundle>(
      `${integrationPath(integrationId)}/generated-mocks?format=${format}`,
    );
  }

  /** {@inheritDoc IntegrationHealthApi.getIntegrationTrend} */
  async getIntegrationTrend(integrationId: string, days: number) {
    const { snapshots } = await this.get<{
      snapshots: { day: string; contract?: number; mock?: number }[];
    }>(`${integrationPath(integrationId)}/score-trend?days=${days}`);
    return snapshots;
  }

  /** {@inheritDoc IntegrationHealthApi.getBrief} */
  getBrief(subject: BriefSubject, window?: { from?: string; to?: string }) {
    return this.get<IntegrationBrief>(
      `/v1/briefs?${briefQuery(subject, window, 'json')}`,
    );
  }

  /** {@inheritDoc IntegrationHealthApi.getBriefMarkdown} */
  async getBriefMarkdown(
    subject: BriefSubject,
    window?: { from?: string; to?: string },
  ) {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'integration-health',
    );
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}/v1/briefs?${briefQuery(subject, window, 'markdown')}`,
      { method: 'GET', headers: { Accept: 'text/markdown' } },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.text();
  }

  /** {@inheritDoc IntegrationHealthApi.getFeedStatus} */
  getFeedStatus() {
    return this.get<{
      active: boolean;
      createdAt?: string;
      expiresAt?: string;
    }>('/v1/calendar/feed-tokens');
  }

  /** {@inheritDoc IntegrationHealthApi.createFeedLink} */
  createFeedLink() {
    return this.request<{ url: string; expiresAt?: string }>(
      '/v1/calendar/feed-tokens',
      {
        method: 'POST',
      },
    );
  }

  /** {@inheritDoc IntegrationHealthApi.revokeFeedLink} */
  async revokeFeedLink(): Promise<void> {
    await this.request<void>('/v1/calendar/feed-tokens', { method: 'DELETE' });
  }

  /** {@inheritDoc IntegrationHealthApi.getEvidenceSources} */
  async getEvidenceSources(): Promise<EvidenceSourceStatus[]> {
    const { items } = await this.get<{ items: EvidenceSourceStatus[] }>(
      '/v1/evidence-sources',
    );
    return items;
  }

  /** {@inheritDoc IntegrationHealthApi.getLatestSyncRun} */
  async getLatestSyncRun(): Promise<SyncRun | undefined> {
    try {
      return await this.get<SyncRun>('/v1/sync-runs/latest');
    } catch (error) {
      if (error instanceof ResponseError && error.response.status === 404) {
        return undefined;
      }
      throw error;
    }
  }

  private get<T>(path: string): Promise<T> {
    return this.request(path, { method: 'GET' });
  }

  private async request<T>(
    path: string,
    options: { method: 'GET' | 'PUT' | 'POST' | 'DELETE'; body?: unknown },
  ): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'integration-health',
    );
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`, {
      method: options.method,
      ...(options.body !== undefined && {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(options.body),
      }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
}
