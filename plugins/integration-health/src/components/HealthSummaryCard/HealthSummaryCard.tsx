import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Card,
  CardBody,
  CardHeader,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import {
  HealthSnapshot,
  Integration,
} from '@integration-health/plugin-integration-health-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useIntegrationsSignal } from '../useIntegrationsSignal';
import { IntegrationHealthApi, integrationHealthApiRef } from '../../api';
import { LoadError } from '../LoadError';
import {
  scoreBand,
  scoreBandClass,
  ScoreBandIcon,
  SCORE_BAND_LABELS,
} from '../ScoreBadge';
import { Sparkline } from '../Sparkline';
import { SrOnly } from '../SrOnly';
import styles from './HealthSummaryCard.module.css';
import { summarizeIntegrations } from './summarizeIntegrations';
import { readable } from '../Readable';

const DAYS = 30;

/**
 * The recorded days, or, for an API the sync keeps no days for, today's
 * health computed from the integrations that go through it.
 */
type Health =
  | { type: 'days'; snapshots: HealthSnapshot[] }
  | { type: 'api'; current?: HealthSnapshot };

/** One value per day of the window, oldest first; days without a snapshot are undefined. */
function daily(
  snapshots: HealthSnapshot[],
  pick: (s: HealthSnapshot) => number | undefined,
) {
  const byDay = new Map(snapshots.map(s => [s.day, pick(s)]));
  const today = Date.now();
  return Array.from({ length: DAYS }, (_, i) =>
    byDay.get(
      new Date(today - (DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10),
    ),
  );
}

function ScoreRow(props: {
  label: string;
  latest: number | undefined;
  /** The recorded days for the sparkline; none for a computed summary. */
  days?: (number | undefined)[];
}) {
  const { label, latest, days } = props;
  const band = scoreBand(latest);
  return (
    <div className={styles.row}>
      <Text variant="body-medium">{label}</Text>
      <span className={`${styles.value} ${scoreBandClass(latest)}`}>
        <ScoreBandIcon band={band} />
        {latest === undefined ? 'unknown' : latest}
        {band !== 'unknown' && <SrOnly>, {SCORE_BAND_LABELS[band]}</SrOnly>}
      </span>
      {days && (
        <Sparkline values={days} label={`${label}, last ${DAYS} days`} />
      )}
    </div>
  );
}

function Counts(props: { snapshot: HealthSnapshot; through?: boolean }) {
  const { snapshot } = props;
  return (
    <>
      Means over the integrations{props.through && ' through this API'} with
      evidence: {snapshot.withEvidence} of {snapshot.integrations} have any.
      {snapshot.withoutAccountableOwner > 0 &&
        ` ${snapshot.withoutAccountableOwner} without an accountable owner.`}
    </>
  );
}

function Days({ snapshots }: { snapshots: HealthSnapshot[] }) {
  if (snapshots.length === 0) {
    return (
      <Text as="p" variant="body-medium" color="secondary">
        No health recorded yet. Each sync records the day's health of every
        entity, team, system and domain that has integrations.
      </Text>
    );
  }
  const latest = snapshots[snapshots.length - 1];
  return (
    <Flex direction="column" gap="2">
      <ScoreRow
        label="Contract freshness"
        latest={latest.contract}
        days={daily(snapshots, s => s.contract)}
      />
      <ScoreRow
        label="Mock freshness"
        latest={latest.mock}
        days={daily(snapshots, s => s.mock)}
      />
      <Text as="p" variant="body-small" color="secondary">
        <Counts snapshot={latest} />
        {` As of ${latest.day}.`}
      </Text>
    </Flex>
  );
}

function ApiNow({ current }: { current?: HealthSnapshot }) {
  if (!current) {
    return (
      <Text as="p" variant="body-medium" color="secondary">
        No integrations go through this API yet. Its health shows here once a
        component that consumes it is in the catalog.
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="2">
      <ScoreRow label="Contract freshness" latest={current.contract} />
      <ScoreRow label="Mock freshness" latest={current.mock} />
      <Text as="p" variant="body-small" color="secondary">
        <Counts snapshot={current} through />
        {' Current scores; the daily trend is kept for the components on ' +
          'either side of these integrations.'}
      </Text>
    </Flex>
  );
}

async function loadHealth(
  api: IntegrationHealthApi,
  entityRef: string,
  isApi: boolean,
  knownIntegrations: Integration[] | undefined,
): Promise<Health> {
  if (!isApi) {
    return {
      type: 'days',
      snapshots: await api.getHealthTrend(entityRef, DAYS),
    };
  }
  const [snapshots, integrations] = await Promise.all([
    api.getHealthTrend(entityRef, DAYS),
    knownIntegrations ??
      api.getEntityIntegrations(entityRef).then(data => data.downstream),
  ]);
  // An API the sync found no provider for is the provider side of its
  // integrations, so it has recorded days: prefer them.
  if (snapshots.length > 0) {
    return { type: 'days', snapshots };
  }
  const through = integrations.filter(i => i.apiRef === entityRef);
  const today = new Date().toISOString().slice(0, 10);
  return {
    type: 'api',
    current:
      through.length > 0 ? summarizeIntegrations(through, today) : undefined,
  };
}

/**
 * The health card, for the Integrations tab too, which passes an API's
 * integrations it has already loaded.
 */
export function HealthSummary(props: { apiIntegrations?: Integration[] }) {
  const { entity } = useEntity();
  const api = useApi(integrationHealthApiRef);
  const entityRef = stringifyEntityRef(entity);
  const isApi = entity.kind.toLocaleLowerCase('en-US') === 'api';
  const { value, loading, error, retry } = useAsyncRetry(
    () => loadHealth(api, entityRef, isApi, props.apiIntegrations),
    [api, entityRef, isApi, props.apiIntegrations],
  );
  useIntegrationsSignal(retry, [entityRef]);
  return (
    <Card className={readable}>
      <CardHeader>
        <Text as="h3" variant="title-x-small">
          Integration health
        </Text>
      </CardHeader>
      <CardBody>
        {loading && !value && (
          <Flex
            direction="column"
            gap="2"
            aria-busy="true"
            aria-label="Loading integration health"
          >
            <Skeleton width="100%" height={24} />
            <Skeleton width="100%" height={24} />
          </Flex>
        )}
        {error && (
          <LoadError what="integration health" error={error} retry={retry} />
        )}
        {value?.type === 'days' && !error && (
          <Days snapshots={value.snapshots} />
        )}
        {value?.type === 'api' && !error && <ApiNow current={value.current} />}
      </CardBody>
    </Card>
  );
}

/**
 * The entity's integration health at a glance, for the overview tab: mean
 * contract and mock freshness with their 30-day trend, the share of
 * integrations with evidence, and those without an accountable owner. Works
 * for components, APIs, resources, groups (with their child groups), systems
 * and domains; an API shows the current health of the integrations that go
 * through it.
 *
 * @public
 */
export function HealthSummaryCard() {
  return <HealthSummary />;
}
