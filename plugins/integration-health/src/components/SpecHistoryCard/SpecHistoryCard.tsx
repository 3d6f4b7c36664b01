import { useApi } from '@backstage/core-plugin-api';
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import { SpecVersion } from '@integration-health/plugin-integration-health-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { integrationHealthApiRef } from '../../api';
import { LevelBadge } from '../LevelBadge';
import styles from './SpecHistoryCard.module.css';
import { SpecChangesList } from './SpecChangesList';
import { LoadError } from '../LoadError';
import { readable } from '../Readable';

function VersionRow(props: {
  entityRef: string;
  version: SpecVersion;
  first: boolean;
}) {
  const { version } = props;
  const [open, setOpen] = useState(false);
  const { breaking, warning, info } = version.summary;
  const date = new Date(version.observedAt).toLocaleDateString('en', {
    dateStyle: 'medium',
  });
  return (
    <li className={styles.version}>
      <Flex justify="between" align="center">
        <Flex direction="column" gap="0">
          <Text weight="bold">
            {version.versionLabel
              ? `Version ${version.versionLabel}`
              : 'Unversioned definition'}
          </Text>
          <Text variant="body-small" color="secondary">
            {version.source === 'seed'
              ? `published ${date} (recorded history)`
              : `first seen ${date}`}
            {version.format && ` · ${version.format}`}
          </Text>
        </Flex>
        <Flex gap="3" align="center">
          {props.first ? (
            <Text variant="body-small" color="secondary">
              first recorded version
            </Text>
          ) : (
            <Text variant="body-small">
              {breaking > 0 && (
                <LevelBadge tone="breaking">{breaking} breaking</LevelBadge>
              )}{' '}
              {warning} warnings · {info} info
            </Text>
          )}
          {!props.first && (
            <Button
              variant="tertiary"
              size="small"
              aria-expanded={open}
              onPress={() => setOpen(!open)}
            >
              {open ? 'Hide changes' : 'Show changes'}
            </Button>
          )}
        </Flex>
      </Flex>
      {version.error && (
        <Text color="warning" variant="body-small">
          {version.error}
        </Text>
      )}
      {open && (
        <SpecChangesList entityRef={props.entityRef} versionId={version.id} />
      )}
    </li>
  );
}

/**
 * The recorded definitions of an API, newest first, each with the breaking,
 * warning and info changes it brought.
 *
 * @public
 */
export function SpecHistoryCard(props: { entityRef: string }) {
  const api = useApi(integrationHealthApiRef);
  const { value, loading, error } = useAsync(
    () => api.getSpecVersions(props.entityRef),
    [api, props.entityRef],
  );
  return (
    <Card className={readable}>
      <CardHeader>
        <Text as="h3" variant="title-x-small">
          Spec history
        </Text>
      </CardHeader>
      <CardBody>
        {loading && (
          <Skeleton
            width="100%"
            height={80}
            aria-label="Loading spec history"
          />
        )}
        {error && <LoadError what="the spec history" error={error} />}
        {value && value.length === 0 && (
          <Text color="secondary">
            No definition recorded yet: the sync job records one when it first
            reads this API.
          </Text>
        )}
        {value && value.length > 0 && (
          <ul className={styles.versions}>
            {value.map((version, index) => (
              <VersionRow
                key={version.id}
                entityRef={props.entityRef}
                version={version}
                first={index === value.length - 1}
              />
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
