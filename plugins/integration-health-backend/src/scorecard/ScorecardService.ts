import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CalendarEntry,
  IncidentSummary,
  Integration,
  Scorecard,
  ScorecardKind,
  ScorecardRow,
  SubjectIntegrations,
} from '@integration-health/plugin-integration-health-common';
import { Rollup } from './computeRollups';
import { SubjectMembership } from './SubjectMembership';
import {
  breakingByTeam,
  incidentsBySubject,
  noIncidents,
} from './scorecardCounts';
import { IncidentStore, StoredIncident } from '../incidents/IncidentStore';
import { IntegrationStore } from '../integrations/IntegrationStore';
import { ScoreStore } from '../evidence/scores/ScoreStore';
import { attachScores } from '../evidence/scores/attachScores';
import { CatalogStructure } from '../integrations/sync/catalogSnapshot';
import { RollupStore } from './RollupStore';
import { CatalogVisibility } from '../integrations/CatalogVisibility';
import { ObservationCountStore } from '../observations/ObservationCountStore';

const PREFIX: Record<ScorecardKind, string> = {
  team: 'group',
  system: 'system',
  domain: 'domain',
};

const windowStartOf = (windowDays: number, now: Date) =>
  new Date(now.getTime() - windowDays * 86_400_000);

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const delta = (now?: number, then?: number) =>
  now === undefined || then === undefined
    ? undefined
    : Math.round((now - then) * 1000) / 1000;

/**
 * The cross-team scorecard: one row per team, system or domain from the
 * newest daily snapshot, with its change over the window and (for teams)
 * the breaking changes it announced and has not acknowledged.
 */
export class ScorecardService {
  private readonly visibility: CatalogVisibility;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      rollupStore: RollupStore;
      calendar: {
        list(
          filter: {},
          credentials: BackstageCredentials,
        ): Promise<CalendarEntry[]>;
      };
      incidentStore: IncidentStore;
      integrationStore: IntegrationStore;
      scoreStore: ScoreStore;
      membership: SubjectMembership;
      /** Undeclared and not-observed edges per day; without it rows have none. */
      observationCounts?: Pick<ObservationCountStore, 'latestDay'>;
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
  }

  async scorecard(
    request: { kind: ScorecardKind; windowDays: number },
    credentials: BackstageCredentials,
    now = new Date(),
  ): Promise<Scorecard> {
    const { rollupStore, calendar, membership } = this.options;
    const kinds = [PREFIX[request.kind]];
    const today = now.toISOString().slice(0, 10);
    const windowStart = windowStartOf(request.windowDays, now);
    const [current, past, entries, structure, incidents] = await Promise.all([
      rollupStore.latestDay(kinds, today),
      rollupStore.latestDay(kinds, windowStart.toISOString().slice(0, 10)),
      request.kind === 'team'
        ? calendar.list({}, credentials)
        : Promise.resolve(undefined),
      membership.structure(),
      this.options.incidentStore.listSince(windowStart),
    ]);
    const subjects = [...current.rollups.keys()];
    const [visible, incidentSummaries, observedNow, observedBefore] =
      await Promise.all([
        this.visibility.visibleRefs(subjects, credentials),
        this.incidentSummaries(incidents, structure),
        this.options.observationCounts?.latestDay(subjects, today),
        this.options.observationCounts?.latestDay(
          subjects,
          windowStart.toISOString().slice(0, 10),
        ),
      ]);
    const breaking =
      entries &&
      breakingByTeam(entries, group => membership.teamsOf(group, structure));
    const row = (r: Rollup): ScorecardRow => {
      const before = past.rollups.get(r.subjectRef);
      const ownedShare = share(
        r.integrations - r.withoutAccountableOwner,
        r.integrations,
      );
      const evidenceShare = share(r.withEvidence, r.integrations);
      const observed = observedNow?.day
        ? observedNow.counts.get(r.subjectRef)
        : undefined;
      const observedThen = observedBefore?.day
        ? observedBefore.counts.get(r.subjectRef)
        : undefined;
      return {
        ref: r.subjectRef,
        integrations: r.integrations,
        asProvider: r.asProvider,
        asConsumer: r.asConsumer,
        ownedShare,
        contract: r.contract,
        mock: r.mock,
        evidenceShare,
        breakingChanges:
          breaking &&
          (breaking.get(r.subjectRef) ?? {
            announced: 0,
            pending: 0,
            overdue: 0,
          }),
        incidents: incidentSummaries.get(r.subjectRef) ?? noIncidents(),
        ...(observed ? { observed } : {}),
        trend: {
          ...(before
            ? {
                contract: delta(r.contract, before.contract),
                mock: delta(r.mock, before.mock),
                ownedShare: delta(
                  ownedShare,
                  share(
                    before.integrations - before.withoutAccountableOwner,
                    before.integrations,
                  ),
                ),
                evidenceShare: delta(
                  evidenceShare,
                  share(before.withEvidence, before.integrations),
                ),
              }
            : {}),
          undeclared: delta(observed?.undeclared, observedThen?.undeclared),
          notObserved: delta(observed?.notObserved, observedThen?.notObserved),
        },
      };
    };
    return {
      kind: request.kind,
      day: current.day,
      since: past.day,
      windowDays: request.windowDays,
      rows: [...current.rollups.values()]
        .filter(r => visible.has(r.subjectRef))
        .map(row)
        .sort((a, b) => a.ref.localeCompare(b.ref)),
    };
  }

  /**
   * The current integrations a team (with the groups below it), system or
   * domain counts, that the caller can see: those with incidents in the
   * window first, then the lowest scores, unknown scores last; at most
   * `limit` of them, with how many there are.
   */
  async integrations(
    request: { subjectRef: string; windowDays: number; limit: number },
    credentials: BackstageCredentials,
    now = new Date(),
  ): Promise<SubjectIntegrations> {
    const { membership, incidentStore, scoreStore } = this.options;
    await this.visibility.assertVisible(request.subjectRef, credentials);
    const members = await membership.integrationsOf(request.subjectRef);
    const sideOf = new Map(members.map(m => [m.integration.id, m.side]));
    const visible = await this.visibility.visibleIntegrations(
      members.map(m => m.integration),
      credentials,
    );
    const [withScores, incidents] = await Promise.all([
      attachScores(visible, scoreStore),
      incidentStore.listForIntegrations(visible.map(i => i.id)),
    ]);
    const windowStart = windowStartOf(request.windowDays, now).toISOString();
    const incidentCount = new Map<string, number>();
    for (const incident of incidents) {
      if (incident.occurredAt < windowStart) continue;
      incidentCount.set(
        incident.integrationId,
        (incidentCount.get(incident.integrationId) ?? 0) + 1,
      );
    }
    const rows = withScores.map(integration => ({
      ...integration,
      side: sideOf.get(integration.id)!,
      incidents: incidentCount.get(integration.id) ?? 0,
    }));
    const lowest = (i: Integration) =>
      Math.min(
        i.scores?.contract.value ?? Infinity,
        i.scores?.mock.value ?? Infinity,
      );
    rows.sort(
      (a, b) =>
        b.incidents - a.incidents ||
        lowest(a) - lowest(b) ||
        a.consumerRef.localeCompare(b.consumerRef) ||
        a.providerRef.localeCompare(b.providerRef),
    );
    return {
      subjectRef: request.subjectRef,
      windowDays: request.windowDays,
      total: rows.length,
      items: rows.slice(0, request.limit),
    };
  }

  private async incidentSummaries(
    incidents: StoredIncident[],
    structure: CatalogStructure,
  ) {
    if (incidents.length === 0) return new Map<string, IncidentSummary>();
    const integrations = await this.options.integrationStore.getByIds([
      ...new Set(incidents.map(i => i.integrationId)),
    ]);
    return incidentsBySubject(
      incidents,
      await this.options.membership.subjectsOf(integrations, structure),
    );
  }
}

const CSV_COLUMNS = [
  'ref',
  'integrations',
  'asProvider',
  'asConsumer',
  'ownedShare',
  'contract',
  'mock',
  'evidenceShare',
  'announced',
  'pending',
  'overdue',
  'incidents',
  'incidentMinutes',
  'affectedTransactions',
  'moneyAffected',
  'contractTrend',
  'mockTrend',
  'undeclared',
  'notObserved',
  'undeclaredTrend',
  'notObservedTrend',
] as const;

/** "EUR 48200.50; USD 120.00", currencies in order. */
const moneyText = (money: Record<string, number>) =>
  Object.keys(money)
    .sort()
    .map(currency => `${currency} ${money[currency].toFixed(2)}`)
    .join('; ');

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a carriage return) is prefixed with a quote mark;
 * numbers are written as they are.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The scorecard as CSV, its first line stating the snapshot date and window. */
export function scorecardCsv(card: Scorecard): string {
  const lines = [
    `# Integration Health scorecard by ${card.kind}, snapshot ${
      card.day ?? 'none'
    }, trend since ${card.since ?? 'no earlier snapshot'} (${
      card.windowDays
    } days)`,
    CSV_COLUMNS.join(','),
    ...card.rows.map(r =>
      [
        r.ref,
        r.integrations,
        r.asProvider,
        r.asConsumer,
        r.ownedShare.toFixed(3),
        r.contract,
        r.mock,
        r.evidenceShare.toFixed(3),
        r.breakingChanges?.announced,
        r.breakingChanges?.pending,
        r.breakingChanges?.overdue,
        r.incidents.count,
        r.incidents.durationMinutes,
        r.incidents.affectedTransactions,
        moneyText(r.incidents.money),
        r.trend.contract,
        r.trend.mock,
        r.observed?.undeclared,
        r.observed?.notObserved,
        r.trend.undeclared,
        r.trend.notObserved,
      ]
        .map(csvCell)
        .join(','),
    ),
  ];
  return `${lines.join('\n')}\n`;
}
