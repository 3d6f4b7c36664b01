import { Flex, Text } from '@backstage/ui';
import {
  MigrationCheckConsumer,
  MigrationCheckResult,
} from '@integration-health/plugin-integration-health-common';
import { StateBadge } from '../Calendar/StateBadge';
import { FindingsTable } from './FindingsTable';
import {
  dryRunFailureText,
  dryRunStatusText,
  formatDate,
  postgresErrorText,
} from './schemaText';
import styles from './SchemaHistory.module.css';
import { VerdictBadge } from './VerdictBadge';

const IMPACT: Record<MigrationCheckConsumer['impact'], string> = {
  broken: 'Broken',
  ok: 'OK',
  unknown: 'Unknown: declares no queries',
};

function Acknowledgement({ consumer }: { consumer: MigrationCheckConsumer }) {
  if (consumer.state) return <StateBadge state={consumer.state} />;
  return (
    <>
      {consumer.reached
        ? 'Not on the calendar: nothing acknowledged'
        : 'Not reached: nothing to acknowledge'}
    </>
  );
}

function ConsumerImpact({
  consumers,
}: {
  consumers: MigrationCheckConsumer[];
}) {
  return (
    <table className={styles.table}>
      <caption>What the candidate does to each consumer</caption>
      <thead>
        <tr>
          <th scope="col">Consumer</th>
          <th scope="col">Impact</th>
          <th scope="col">Queries that no longer prepare</th>
          <th scope="col">Acknowledgement</th>
        </tr>
      </thead>
      <tbody>
        {consumers.map(consumer => (
          <tr key={consumer.consumerRef}>
            <th scope="row">{consumer.consumerRef}</th>
            <td>
              <VerdictBadge tone={consumer.impact}>
                {IMPACT[consumer.impact]}
              </VerdictBadge>
            </td>
            <td>
              {consumer.brokenQueries.length === 0
                ? 'none'
                : consumer.brokenQueries.map(query => (
                    <div key={query.name}>
                      <code>{query.name}</code>:{' '}
                      {postgresErrorText(query.error)}
                    </div>
                  ))}
              {consumer.alreadyBroken.length > 0 && (
                <div>
                  Did not prepare before this migration either:{' '}
                  {consumer.alreadyBroken.join(', ')}
                </div>
              )}
            </td>
            <td>
              <Acknowledgement consumer={consumer} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The latest candidate migration checked: verdict, dry run and consumers. */
export function LatestCheck({ check }: { check: MigrationCheckResult }) {
  const { dryRun } = check;
  return (
    <Flex direction="column" gap="2">
      <Flex gap="2" align="center">
        <Text weight="bold">
          <code>{check.migrationId}</code>
        </Text>
        <VerdictBadge tone={check.passed ? 'ok' : 'broken'}>
          {check.passed ? 'Passed' : 'Did not pass'}
        </VerdictBadge>
      </Flex>
      <Text as="p" variant="body-small" color="secondary">
        checked{' '}
        <time dateTime={check.checkedAt}>{formatDate(check.checkedAt)}</time>{' '}
        after {check.historyLength} recorded migration
        {check.historyLength === 1 ? '' : 's'}
        {check.unacknowledged > 0 &&
          ` · ${check.unacknowledged} reached consumer${
            check.unacknowledged === 1 ? '' : 's'
          } without an acknowledgement`}
      </Text>
      <Text as="p" variant="body-small">
        {dryRunStatusText(dryRun)}
        {dryRun.message && `: ${dryRun.message}`}
      </Text>
      {dryRun.failure && (
        <Text as="p" variant="body-small" color="danger">
          Did not apply: {dryRunFailureText(dryRun.failure)}
        </Text>
      )}
      {check.findings.length > 0 && (
        <FindingsTable
          caption={`What ${check.migrationId} changes`}
          findings={check.findings}
        />
      )}
      {check.consumers.length > 0 ? (
        <ConsumerImpact consumers={check.consumers} />
      ) : (
        <Text as="p" variant="body-small" color="secondary">
          No consumer was checked.
        </Text>
      )}
    </Flex>
  );
}
