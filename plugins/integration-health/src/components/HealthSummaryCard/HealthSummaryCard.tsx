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
import { HealthSnapshot } from '@integration-health/plugin-integration-health-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationHealthApiRef } from '../../api';
import { LoadError } from '../LoadError';
import { scoreBandClass } from '../ScoreBadge';
import { Sparkline } from '../Sparkline';
import styles from './HealthSummaryCard.module.css';

const DAYS = 30;

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
  snapshots: HealthSnapshot[];
  pick: (s: HealthSnapshot) => number | undefined;
}) {
  const latest = props.pick(props.snapshots[props.snapshots.length - 1]);
  return (
    <div className={styles.row}>
      <Text variant="body-medium">{props.label}</Text>
      <span className={`${styles.value} ${scoreBandClass(latest)}`}>
        {latest === undefined ? 'unknown' : latest}
      </span>
      <Sparkline
        values={daily(props.snapshots, props.pick)}
        label={`${props.label}, last ${DAYS} days`}
      />
    </div>
  );
}

function Body({ snapshots }: { snapshots: HealthSnapshot[] }) {
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
        snapshots={snapshots}
        pick={s => s.contract}
      />
      <ScoreRow
        label="Mock freshness"
        snapshots={snapshots}
        pick={s => s.mock}
      />
      <Text as="p" variant="body-small" color="secondary">
        Means over the integrations with evidence: {latest.withEvidence} of{' '}
        {latest.integrations} have any.
        {latest.withoutAccountableOwner > 0 &&
          ` ${latest.withoutAccountableOwner} without an accountable owner.`}
        {` As of ${latest.day}.`}
      </Text>
    </Flex>
  );
}

/**
 * The entity's integration health at a glance, for the overview tab: mean
 * contract and mock freshness with their 30-day trend, the share of
 * integrations with evidence, and those without an accountable owner. Works
 * for components, APIs, resources, groups (with their child groups), systems
 * and domains.
 *
 * @public
 */
export function HealthSummaryCard() {
  const { entity } = useEntity();
  const api = useApi(integrationHealthApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getHealthTrend(entityRef, DAYS),
    [api, entityRef],
  );
  return (
    <Card>
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
        {value && !error && <Body snapshots={value} />}
      </CardBody>
    </Card>
  );
}
