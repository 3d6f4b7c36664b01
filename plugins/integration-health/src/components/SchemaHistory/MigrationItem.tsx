import { Button, Flex, Link, Text } from '@backstage/ui';
import { SchemaMigration } from '@integration-health/plugin-integration-health-common';
import { useState } from 'react';
import { calendarRouteRef } from '../../routes';
import { LevelBadge } from '../LevelBadge';
import { useOptionalRouteRef } from '../useOptionalRouteRef';
import { FindingsTable } from './FindingsTable';
import { formatDate, originText, unclassifiedText } from './schemaText';
import styles from './SchemaHistory.module.css';

function LevelCounts({ summary }: { summary: SchemaMigration['summary'] }) {
  const levels = (['breaking', 'warning', 'info'] as const).filter(
    level => summary[level] > 0,
  );
  const unclassified = unclassifiedText(summary);
  if (levels.length === 0 && !unclassified) {
    return (
      <Text variant="body-small" color="secondary">
        no classified changes
      </Text>
    );
  }
  return (
    <Flex gap="1" align="center">
      {levels.map(level => (
        <LevelBadge key={level} tone={level}>
          {`${summary[level]} ${level}`}
        </LevelBadge>
      ))}
      {unclassified && (
        <Text variant="body-small" color="secondary">
          {unclassified}
        </Text>
      )}
    </Flex>
  );
}

/** One recorded migration: when and how it came, its counts, its findings on demand. */
export function MigrationItem({ migration }: { migration: SchemaMigration }) {
  const [open, setOpen] = useState(false);
  const calendar = useOptionalRouteRef(calendarRouteRef);
  const entryId = migration.calendarEntryId;
  return (
    <li className={styles.item}>
      <Flex justify="between" align="center">
        <Flex direction="column" gap="0">
          <Text weight="bold">
            <code>{migration.id}</code>
          </Text>
          <Text variant="body-small" color="secondary">
            first seen{' '}
            <time dateTime={migration.firstSeenAt}>
              {formatDate(migration.firstSeenAt)}
            </time>{' '}
            · {originText(migration.origin)}
          </Text>
        </Flex>
        <Flex gap="3" align="center">
          <LevelCounts summary={migration.summary} />
          {migration.findings.length > 0 && (
            <Button
              variant="tertiary"
              size="small"
              aria-expanded={open}
              aria-label={`${open ? 'Hide' : 'Show'} findings of ${
                migration.id
              }`}
              onPress={() => setOpen(!open)}
            >
              {open ? 'Hide findings' : 'Show findings'}
            </Button>
          )}
        </Flex>
      </Flex>
      {migration.error && (
        <Text as="p" color="danger" variant="body-small">
          Could not be classified: {migration.error}
        </Text>
      )}
      {entryId && (
        <Text as="p" variant="body-small">
          {calendar ? (
            <Link
              href={`${calendar()}?entry=${encodeURIComponent(entryId)}`}
              aria-label={`On the breaking-change calendar: ${migration.id}`}
            >
              On the breaking-change calendar
            </Link>
          ) : (
            'On the breaking-change calendar'
          )}
        </Text>
      )}
      {open && (
        <FindingsTable
          caption={`Findings of ${migration.id}`}
          findings={migration.findings}
        />
      )}
    </li>
  );
}
