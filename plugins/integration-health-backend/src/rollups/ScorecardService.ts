import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CalendarEntry,
  Scorecard,
  ScorecardKind,
  ScorecardRow,
} from '@integration-health/plugin-integration-health-common';
import { Rollup } from './computeRollups';
import { RollupStore } from '../database/RollupStore';
import { CatalogVisibility } from '../service/CatalogVisibility';

const PREFIX: Record<ScorecardKind, string> = {
  team: 'group',
  system: 'system',
  domain: 'domain',
};

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const delta = (now?: number, then?: number) =>
  now === undefined || then === undefined
    ? undefined
    : Math.round((now - then) * 1000) / 1000;

function breakingByTeam(entries: CalendarEntry[]) {
  const counts = new Map<
    string,
    { announced: number; pending: number; overdue: number }
  >();
  const of = (team: string) => {
    const found = counts.get(team) ?? { announced: 0, pending: 0, overdue: 0 };
    counts.set(team, found);
    return found;
  };
  for (const entry of entries) {
    if (entry.origin === 'announced')
      entry.providerOwnerRefs.forEach(team => of(team).announced++);
    for (const consumer of entry.consumers) {
      if (!consumer.consumerOwnerRef) continue;
      if (consumer.state === 'pending') of(consumer.consumerOwnerRef).pending++;
      if (consumer.state === 'overdue') of(consumer.consumerOwnerRef).overdue++;
    }
  }
  return counts;
}

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
      calendar?: {
        list(
          filter: {},
          credentials: BackstageCredentials,
        ): Promise<CalendarEntry[]>;
      };
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
  }

  async scorecard(
    request: { kind: ScorecardKind; windowDays: number },
    credentials: BackstageCredentials,
    now = new Date(),
  ): Promise<Scorecard> {
    const { rollupStore, calendar } = this.options;
    const kinds = [PREFIX[request.kind]];
    const today = now.toISOString().slice(0, 10);
    const start = new Date(now.getTime() - request.windowDays * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const [current, past, entries] = await Promise.all([
      rollupStore.latestDay(kinds, today),
      rollupStore.latestDay(kinds, start),
      request.kind === 'team' && calendar
        ? calendar.list({}, credentials)
        : Promise.resolve(undefined),
    ]);
    const visible = await this.visibility.visibleRefs(
      [...current.rollups.keys()],
      credentials,
    );
    const breaking = entries ? breakingByTeam(entries) : undefined;
    const row = (r: Rollup): ScorecardRow => {
      const before = past.rollups.get(r.subjectRef);
      const ownedShare = share(
        r.integrations - r.withoutAccountableOwner,
        r.integrations,
      );
      const evidenceShare = share(r.withEvidence, r.integrations);
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
        trend: before
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
          : {},
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
  'contractTrend',
  'mockTrend',
] as const;

const csvCell = (value: unknown) => {
  const text = value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

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
        r.trend.contract,
        r.trend.mock,
      ]
        .map(csvCell)
        .join(','),
    ),
  ];
  return `${lines.join('\n')}\n`;
}
