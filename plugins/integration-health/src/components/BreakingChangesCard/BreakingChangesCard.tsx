import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Card,
  CardBody,
  CardHeader,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { integrationHealthApiRef } from '../../api';
import { LevelBadge } from '../LevelBadge';
import styles from './BreakingChangesCard.module.css';
import { LoadError } from '../LoadError';
import { readable } from '../Readable';

const date = (iso: string) =>
  new Date(iso).toLocaleDateString('en', { dateStyle: 'medium' });

/**
 * Breaking changes that touch this entity: in an API, or in the APIs a
 * component consumes, each with its date and the consumers it reaches.
 *
 * @public
 */
export function BreakingChangesCard(props: {
  entityRef: string;
  isApi: boolean;
}) {
  const api = useApi(integrationHealthApiRef);
  const { value, loading, error } = useAsync(
    () => api.getBreakingChanges(props.entityRef),
    [api, props.entityRef],
  );
  return (
    <Card className={readable}>
      <CardHeader>
        <Text as="h3" variant="title-x-small">
          {props.isApi
            ? 'Breaking changes in this API'
            : 'Breaking changes in the APIs this service consumes'}
        </Text>
      </CardHeader>
      <CardBody>
        {loading && (
          <Skeleton
            width="100%"
            height={60}
            aria-label="Loading breaking changes"
          />
        )}
        {error && <LoadError what="breaking changes" error={error} />}
        {value?.length === 0 && (
          <Text color="secondary">
            No breaking change recorded in the spec history.
          </Text>
        )}
        {value && value.length > 0 && (
          <ul className={styles.list}>
            {value.map(change => (
              <li
                key={`${change.versionId}-${change.fingerprint}`}
                className={styles.item}
              >
                <Flex justify="between" align="baseline">
                  <Flex gap="2" align="baseline">
                    <LevelBadge
                      tone={
                        change.level === 'breaking' ? 'breaking' : 'warning'
                      }
                    >
                      {change.sunset ? 'sunset' : change.level}
                    </LevelBadge>
                    <Text weight="bold" variant="body-small">
                      {change.location}
                    </Text>
                  </Flex>
                  <Text variant="body-small" color="secondary">
                    {change.sunset
                      ? `effective ${date(change.effectiveAt)}`
                      : `detected ${date(change.detectedAt)}`}
                  </Text>
                </Flex>
                <Text as="div" variant="body-small">
                  {change.message}
                </Text>
                <Text as="div" variant="body-x-small" color="secondary">
                  <EntityRefLink entityRef={change.apiRef} />
                  {change.versionLabel && ` ${change.versionLabel}`} ·{' '}
                  {change.ruleId} · reaches{' '}
                  {change.consumers.length === 0
                    ? 'no consumer'
                    : change.consumers.map((c, i) => (
                        <span key={c.integrationId}>
                          {i > 0 && ', '}
                          <EntityRefLink entityRef={c.consumerRef} />
                        </span>
                      ))}
                </Text>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
