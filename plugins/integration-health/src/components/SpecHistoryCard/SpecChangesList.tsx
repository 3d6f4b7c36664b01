import { useApi } from '@backstage/core-plugin-api';
import { Flex, Skeleton, Text } from '@backstage/ui';
import { SpecChange } from '@integration-health/plugin-integration-health-common';
import useAsync from 'react-use/esm/useAsync';
import { integrationHealthApiRef } from '../../api';
import { LevelBadge } from '../LevelBadge';
import styles from './SpecHistoryCard.module.css';

const ORDER: Record<SpecChange['level'], number> = {
  breaking: 0,
  warning: 1,
  info: 2,
};

/** The changes one version brought, breaking first. */
export function SpecChangesList(props: {
  entityRef: string;
  versionId: string;
}) {
  const api = useApi(integrationHealthApiRef);
  const { value, loading, error } = useAsync(
    () => api.getSpecChanges(props.entityRef, props.versionId),
    [api, props.entityRef, props.versionId],
  );
  if (loading)
    return <Skeleton width="100%" height={48} aria-label="Loading changes" />;
  if (error)
    return (
      <Text color="danger">Could not load the changes: {error.message}</Text>
    );
  if (!value?.length)
    return (
      <Text color="secondary">No changes classified for this version.</Text>
    );
  return (
    <ul className={styles.changes}>
      {[...value]
        .sort((a, b) => ORDER[a.level] - ORDER[b.level])
        .map(change => (
          <li key={change.fingerprint} className={styles.change}>
            <Flex gap="2" align="baseline">
              <LevelBadge tone={change.level}>{change.level}</LevelBadge>
              <Text variant="body-small" weight="bold">
                {change.location}
              </Text>
            </Flex>
            <Text as="div" variant="body-small">
              {change.message}
              {change.sunset && ` · sunset ${change.sunset}`}
            </Text>
            <Text as="div" variant="body-x-small" color="secondary">
              {change.ruleId}
            </Text>
          </li>
        ))}
    </ul>
  );
}
