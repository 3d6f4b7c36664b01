import { useApi } from '@backstage/core-plugin-api';
import {
  Alert,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import { ResourceSchema } from '@integration-health/plugin-integration-health-common';
import { ReactNode } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationHealthApiRef } from '../../api';
import { LoadError } from '../LoadError';
import { readable } from '../Readable';
import { useIntegrationsSignal } from '../useIntegrationsSignal';
import { ConsumerQueries } from './ConsumerQueries';
import { LatestCheck } from './LatestCheck';
import { MigrationItem } from './MigrationItem';
import styles from './SchemaHistory.module.css';

function Section(props: { title: string; children: ReactNode }) {
  return (
    <section aria-label={props.title}>
      <Text as="h4" variant="body-medium" weight="bold">
        {props.title}
      </Text>
      {props.children}
    </section>
  );
}

function Schema({ data }: { data: ResourceSchema }) {
  const newestFirst = [...data.migrations].sort(
    (a, b) => b.position - a.position,
  );
  return (
    <Flex direction="column" gap="4">
      {data.sourceError && (
        <Alert
          status="warning"
          title="The migrations could not be read on the last sync"
          description={`${data.sourceError}. The migrations recorded before are kept.`}
        />
      )}
      <Section title={`Migrations (${data.migrations.length})`}>
        {newestFirst.length === 0 ? (
          <Text as="p" variant="body-small" color="secondary">
            No migrations recorded: add the integration-health.io/migrations
            annotation to this resource (dir: next to its catalog file, or
            url:), or push them from CI.
          </Text>
        ) : (
          <ul className={styles.list} aria-label="Migrations, newest first">
            {newestFirst.map(migration => (
              <MigrationItem key={migration.id} migration={migration} />
            ))}
          </ul>
        )}
      </Section>
      <Section title={`Consumers (${data.consumers.length})`}>
        <ConsumerQueries consumers={data.consumers} />
      </Section>
      <Section title="Latest check of a candidate migration">
        {data.latestCheck ? (
          <LatestCheck check={data.latestCheck} />
        ) : (
          <Text as="p" variant="body-small" color="secondary">
            No candidate migration checked yet: run integration-health-check
            --resource {data.resourceRef} --migration &lt;file&gt; in the
            pipeline.
          </Text>
        )}
      </Section>
    </Flex>
  );
}

/**
 * A database resource's schema history: its migrations with their findings,
 * its consumers with the queries they declare, and the dry run of the latest
 * candidate migration. With `onlyWithMigrations`, it shows nothing unless the
 * resource has migrations (for resources not typed as databases).
 */
export function SchemaHistoryCard(props: {
  entityRef: string;
  onlyWithMigrations?: boolean;
}) {
  const api = useApi(integrationHealthApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getResourceSchema(props.entityRef),
    [api, props.entityRef],
  );
  useIntegrationsSignal(retry, [props.entityRef]);
  if (props.onlyWithMigrations && !value?.migrations.length) return null;
  return (
    <Card className={readable}>
      <CardHeader>
        <Text as="h3" variant="title-x-small">
          Schema history
        </Text>
      </CardHeader>
      <CardBody>
        {loading && !value && (
          <Skeleton
            width="100%"
            height={80}
            aria-label="Loading the schema history"
          />
        )}
        {error && (
          <LoadError what="the schema history" error={error} retry={retry} />
        )}
        {value && !error && <Schema data={value} />}
      </CardBody>
    </Card>
  );
}
