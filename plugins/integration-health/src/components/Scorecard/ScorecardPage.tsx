import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  Button,
  Card,
  CardBody,
  Flex,
  Link,
  Select,
  Skeleton,
  Text,
  TextField,
} from '@backstage/ui';
import {
  IncidentSummary,
  ScorecardKind,
  ScorecardRow,
} from '@integration-health/plugin-integration-health-common';
import { useEffect, useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useIntegrationsSignal } from '../useIntegrationsSignal';
import { integrationHealthApiRef } from '../../api';
import { LoadError } from '../LoadError';
import { useEntityPath } from '../useEntityPath';
import { DrillDownDialog } from './DrillDownDialog';
import { scoreBand, ScoreBandIcon, SCORE_BAND_LABELS } from '../ScoreBadge';
import { SrOnly } from '../SrOnly';
import styles from './Scorecard.module.css';
import { readable } from '../Readable';
import { formatMoney } from '../Incidents/formatIncident';

type Window = 30 | 90 | 365;
/** Rows on one page of the table. */
const PAGE_SIZE = 100;
type Column = {
  key: string;
  label: string;
  value: (row: ScorecardRow) => number | undefined;
  /** 0–100 for the heat map; undefined for counts. */
  heat?: (row: ScorecardRow) => number | undefined;
  show: (row: ScorecardRow) => string;
  /** A second, smaller line. */
  detail?: (row: ScorecardRow) => string | undefined;
  trend?: (row: ScorecardRow) => number | undefined;
};

const KIND_LABELS: Record<ScorecardKind, string> = {
  team: 'Team',
  system: 'System',
  domain: 'Domain',
};

/** The aria-sort of a column header. */
function ariaSort(active: boolean, descending: boolean) {
  if (!active) return 'none';
  return descending ? 'descending' : 'ascending';
}

const pct = (share: number) => Math.round(share * 100);
const signed = (n: number | undefined, scale = 1) =>
  n === undefined || n === 0
    ? ''
    : `${n > 0 ? '▲' : '▼'}${Math.abs(Math.round(n * scale))}`;

const COLUMNS: Column[] = [
  {
    key: 'integrations',
    label: 'Integrations',
    value: r => r.integrations,
    show: r => String(r.integrations),
    detail: r => `${r.asProvider} provided · ${r.asConsumer} consumed`,
  },
  {
    key: 'owned',
    label: 'Owned',
    value: r => r.ownedShare,
    heat: r => pct(r.ownedShare),
    show: r => `${pct(r.ownedShare)}%`,
    trend: r => r.trend.ownedShare && r.trend.ownedShare * 100,
  },
  {
    key: 'contract',
    label: 'Contract',
    value: r => r.contract,
    heat: r => r.contract,
    show: r => (r.contract === undefined ? 'unknown' : String(r.contract)),
    trend: r => r.trend.contract,
  },
  {
    key: 'mock',
    label: 'Mocks',
    value: r => r.mock,
    heat: r => r.mock,
    show: r => (r.mock === undefined ? 'unknown' : String(r.mock)),
    trend: r => r.trend.mock,
  },
  {
    key: 'evidence',
    label: 'Evidence',
    value: r => r.evidenceShare,
    heat: r => pct(r.evidenceShare),
    show: r => `${pct(r.evidenceShare)}%`,
    trend: r => r.trend.evidenceShare && r.trend.evidenceShare * 100,
  },
  {
    key: 'incidents',
    label: 'Incidents',
    value: r => r.incidents.count,
    show: r => String(r.incidents.count),
    detail: r =>
      r.incidents.count === 0 ? undefined : incidentImpact(r.incidents),
  },
  {
    key: 'undeclared',
    label: 'Undeclared',
    value: r => r.observed?.undeclared,
    show: r => String(r.observed?.undeclared ?? '—'),
    trend: r => r.trend.undeclared,
  },
  {
    key: 'notObserved',
    label: 'Not observed',
    value: r => r.observed?.notObserved,
    show: r => String(r.observed?.notObserved ?? '—'),
    trend: r => r.trend.notObserved,
  },
  {
    key: 'announced',
    label: 'Announced',
    value: r => r.breakingChanges?.announced,
    show: r => String(r.breakingChanges?.announced ?? '—'),
  },
  {
    key: 'pending',
    label: 'Pending',
    value: r => r.breakingChanges?.pending,
    show: r => String(r.breakingChanges?.pending ?? '—'),
  },
  {
    key: 'overdue',
    label: 'Overdue',
    value: r => r.breakingChanges?.overdue,
    show: r => String(r.breakingChanges?.overdue ?? '—'),
  },
];

const TEAM_ONLY = ['announced', 'pending', 'overdue'];
const OBSERVED = ['undeclared', 'notObserved'];

/**
 * The columns for this kind: breaking changes for teams only, and what
 * telemetry saw only once something observes.
 */
function columnsFor(kind: ScorecardKind, rows: ScorecardRow[]): Column[] {
  const observing = rows.some(r => r.observed);
  return COLUMNS.filter(
    c =>
      (kind === 'team' || !TEAM_ONLY.includes(c.key)) &&
      (observing || !OBSERVED.includes(c.key)),
  );
}

/** "190 min · 2400 tx · EUR 96,401.00": what the incidents cost. */
function incidentImpact(incidents: IncidentSummary) {
  const parts = [
    `${incidents.durationMinutes} min`,
    incidents.affectedTransactions > 0 &&
      `${incidents.affectedTransactions} tx`,
    ...Object.keys(incidents.money ?? {})
      .sort()
      .map(currency => formatMoney(currency, incidents.money[currency])),
  ].filter(Boolean);
  return parts.join(' · ');
}

function heatClass(value: number | undefined) {
  const band = scoreBand(value);
  return band === 'unknown' ? '' : styles[band];
}

/** The heat of a cell in an icon and in words, not in its colour alone. */
function Heat({ value }: { value: number | undefined }) {
  const band = scoreBand(value);
  if (band === 'unknown') return null;
  return (
    <>
      <span className={styles.band}>
        <ScoreBandIcon band={band} />
      </span>
      <SrOnly>{SCORE_BAND_LABELS[band]}: </SrOnly>
    </>
  );
}

/**
 * The cross-team scorecard for leadership: a heat map of each team's (or
 * system's, domain's) seams from the newest daily snapshot, with the change
 * over 30, 90 or 365 days; sortable, filterable, each row linking to its
 * catalog page and drilling down to its integrations, and exportable as CSV.
 *
 * @public
 */
export function ScorecardPage() {
  const api = useApi(integrationHealthApiRef);
  const entityPath = useEntityPath();
  const [kind, setKind] = useState<ScorecardKind>('team');
  const [windowDays, setWindowDays] = useState<Window>(30);
  const [filter, setFilter] = useState('');
  const [drillDown, setDrillDown] = useState<string>();
  const [page, setPage] = useState(0);
  const [sort, setSort] = useState<{ key: string; descending: boolean }>({
    key: 'contract',
    descending: false,
  });
  useEffect(() => setPage(0), [kind, windowDays, filter, sort]);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getScorecard(kind, windowDays),
    [api, kind, windowDays],
  );
  useIntegrationsSignal(retry);

  const rows = useMemo(() => {
    const column = COLUMNS.find(c => c.key === sort.key);
    const found = (value?.rows ?? []).filter(r =>
      r.ref
        .toLocaleLowerCase('en-US')
        .includes(filter.toLocaleLowerCase('en-US')),
    );
    if (!column) return found;
    // Unknown values sort last either way.
    return [...found].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      if (x === undefined && y === undefined) return 0;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return sort.descending ? y - x : x - y;
    });
  }, [value, filter, sort]);

  // A large organisation has thousands of teams: one page of rows at a time.
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const shownPage = Math.min(page, pages - 1);
  const shown = rows.slice(shownPage * PAGE_SIZE, (shownPage + 1) * PAGE_SIZE);
  const columns = columnsFor(kind, value?.rows ?? []);

  const exportCsv = async () => {
    const csv = await api.getScorecardCsv(kind, windowDays);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `integration-health-scorecard-${kind}-${
      value?.day ?? 'none'
    }.csv`;
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Flex direction="column" gap="4" p="4">
      <div>
        <Text as="h1" variant="title-medium">
          Integration health scorecard
        </Text>
        <Text as="p" variant="body-medium" color="secondary">
          How healthy the seams between teams are
          {value?.day ? `, as of ${value.day}` : ''}; ▲▼ show the change
          {value?.since
            ? ` since ${value.since}`
            : ' over the window (no earlier snapshot yet)'}
          .
        </Text>
      </div>
      <Flex gap="3" align="end">
        <Select
          label="By"
          options={[
            { value: 'team', label: 'Team' },
            { value: 'system', label: 'System' },
            { value: 'domain', label: 'Domain' },
          ]}
          value={kind}
          onChange={key => setKind(key as ScorecardKind)}
        />
        <Select
          label="Trend over"
          options={[
            { value: '30', label: '30 days' },
            { value: '90', label: '90 days' },
            { value: '365', label: '365 days' },
          ]}
          value={String(windowDays)}
          onChange={key => setWindowDays(Number(key) as Window)}
        />
        <TextField label="Filter" value={filter} onChange={setFilter} />
        <Button variant="secondary" onPress={exportCsv} isDisabled={!value}>
          Export CSV
        </Button>
      </Flex>
      <Card className={readable}>
        <CardBody>
          {loading && !value && <Skeleton width="100%" height={160} />}
          {error && (
            <LoadError what="the scorecard" error={error} retry={retry} />
          )}
          {value && rows.length === 0 && (
            <Text as="p" color="secondary">
              {value.rows.length === 0
                ? 'No snapshot yet: the sync writes one each day.'
                : 'No row matches the filter.'}
            </Text>
          )}
          {value && rows.length > 0 && (
            <div className={styles.scroll}>
              <table
                className={styles.table}
                aria-label={`Scorecard by ${kind}`}
              >
                <thead>
                  <tr>
                    <th scope="col">{KIND_LABELS[kind]}</th>
                    {columns.map(c => (
                      <th
                        key={c.key}
                        scope="col"
                        aria-sort={ariaSort(
                          sort.key === c.key,
                          sort.descending,
                        )}
                      >
                        <button
                          type="button"
                          className={styles.sort}
                          onClick={() =>
                            setSort(s => ({
                              key: c.key,
                              descending:
                                s.key === c.key ? !s.descending : false,
                            }))
                          }
                        >
                          {c.label}
                        </button>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {shown.map(row => (
                    <tr key={row.ref}>
                      <th scope="row">
                        <Link href={entityPath(row.ref)}>
                          {parseEntityRef(row.ref).name}
                        </Link>
                        <button
                          type="button"
                          className={styles.drill}
                          aria-label={`Integrations of ${row.ref}`}
                          onClick={() => setDrillDown(row.ref)}
                        >
                          Integrations
                        </button>
                      </th>
                      {columns.map(c => (
                        <td key={c.key} className={heatClass(c.heat?.(row))}>
                          {c.heat && <Heat value={c.heat(row)} />}
                          {c.show(row)}
                          {c.trend && (
                            <span className={styles.trend}>
                              {signed(c.trend(row))}
                            </span>
                          )}
                          {c.detail?.(row) && (
                            <span className={styles.detail}>
                              {c.detail(row)}
                            </span>
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {value && rows.length > PAGE_SIZE && (
            <Flex justify="between" align="center" mt="3">
              <Text as="p" variant="body-small" aria-live="polite">
                {`Rows ${shownPage * PAGE_SIZE + 1}–${
                  shownPage * PAGE_SIZE + shown.length
                } of ${rows.length}`}
              </Text>
              <Flex gap="2">
                <Button
                  variant="secondary"
                  size="small"
                  isDisabled={shownPage === 0}
                  onPress={() => setPage(shownPage - 1)}
                >
                  Previous rows
                </Button>
                <Button
                  variant="secondary"
                  size="small"
                  isDisabled={shownPage >= pages - 1}
                  onPress={() => setPage(shownPage + 1)}
                >
                  Next rows
                </Button>
              </Flex>
            </Flex>
          )}
        </CardBody>
      </Card>
      {drillDown && (
        <DrillDownDialog
          subjectRef={drillDown}
          windowDays={windowDays}
          onClose={() => setDrillDown(undefined)}
        />
      )}
    </Flex>
  );
}
