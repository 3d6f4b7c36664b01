import { Button, Flex, Link, Text } from '@backstage/ui';
import { SchemaConsumer } from '@integration-health/plugin-integration-health-common';
import { useState } from 'react';
import { useEntityPath } from '../useEntityPath';
import styles from './SchemaHistory.module.css';

function Query(props: { name: string; sql: string }) {
  const [open, setOpen] = useState(false);
  return (
    <li>
      <Flex gap="2" align="center">
        <Text variant="body-small">
          <code>{props.name}</code>
        </Text>
        <Button
          variant="tertiary"
          size="small"
          aria-expanded={open}
          aria-label={`${open ? 'Hide' : 'Show'} SQL of ${props.name}`}
          onPress={() => setOpen(!open)}
        >
          {open ? 'Hide SQL' : 'Show SQL'}
        </Button>
      </Flex>
      {open && (
        <pre
          className={styles.sql}
          aria-label={`SQL of ${props.name}`}
          // Scrollable, so it must be reachable with the keyboard.
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
        >
          {props.sql}
        </pre>
      )}
    </li>
  );
}

/** Who reads or writes the database, and the queries each declares. */
export function ConsumerQueries({
  consumers,
}: {
  consumers: SchemaConsumer[];
}) {
  const entityPath = useEntityPath();
  if (consumers.length === 0) {
    return (
      <Text as="p" variant="body-small" color="secondary">
        No consumer declares queries against this database yet: a consumer adds
        the integration-health.io/db-queries annotation naming its .sql files.
      </Text>
    );
  }
  return (
    <ul className={styles.list} aria-label="Consumers">
      {consumers.map(consumer => (
        <li key={consumer.integrationId} className={styles.item}>
          <Text as="p" variant="body-medium">
            <Link href={entityPath(consumer.consumerRef)}>
              {consumer.consumerRef}
            </Link>
            {consumer.consumerOwnerRef && (
              <Text as="span" variant="body-small" color="secondary">
                {' '}
                · owned by {consumer.consumerOwnerRef}
              </Text>
            )}
          </Text>
          {consumer.queries.length === 0 ? (
            <Text as="p" variant="body-small" color="secondary">
              Declares no queries, so a migration cannot be checked against it.
            </Text>
          ) : (
            <ul
              className={styles.queries}
              aria-label={`Queries of ${consumer.consumerRef}`}
            >
              {consumer.queries.map(query => (
                <Query key={query.name} name={query.name} sql={query.sql} />
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
