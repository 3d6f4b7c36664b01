import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Button,
  Dialog,
  DialogBody,
  DialogHeader,
  Flex,
  Link,
  Skeleton,
  Text,
  VisuallyHidden,
} from '@backstage/ui';
import { SubjectIntegrations } from '@integration-health/plugin-integration-health-common';
import { useEffect, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationHealthApiRef } from '../../api';
import { LoadError } from '../LoadError';
import { useEntityPath } from '../useEntityPath';
import { ScoreBadge } from '../ScoreBadge';
import styles from './Scorecard.module.css';
import { readable } from '../Readable';
import { BriefPanel } from '../Brief';

type Row = SubjectIntegrations['items'][number];

const SIDE_LABELS: Record<Row['side'], string> = {
  provider: 'provides',
  consumer: 'consumes',
  both: 'both sides',
};

/**
 * A team's (system's, domain's) integrations, worst first, each linking to
 * the catalog pages of both sides and the consumer's Integrations tab.
 */
export function DrillDownDialog(props: {
  subjectRef: string;
  windowDays: 30 | 90 | 365;
  onClose: () => void;
}) {
  const api = useApi(integrationHealthApiRef);
  const entityPath = useEntityPath();
  const tab = (ref: string) => `${entityPath(ref)}/integrations`;
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getScorecardIntegrations(props.subjectRef, props.windowDays),
    [api, props.subjectRef, props.windowDays],
  );
  const name = parseEntityRef(props.subjectRef).name;
  // The brief replaces the list inside this dialog rather than opening a
  // second dialog over it; focus moves to the button that leads back.
  const [view, setView] = useState<'integrations' | 'brief' | 'returned'>(
    'integrations',
  );
  const backButton = useRef<HTMLButtonElement>(null);
  const briefButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (view === 'brief') backButton.current?.focus();
    if (view === 'returned') briefButton.current?.focus();
  }, [view]);
  if (view === 'brief') {
    return (
      <Dialog
        className={readable}
        isOpen
        onOpenChange={open => !open && props.onClose()}
        width={980}
      >
        <DialogHeader>Brief: {name}</DialogHeader>
        <DialogBody>
          <Flex direction="column" gap="3">
            <div>
              <Button
                size="small"
                variant="tertiary"
                ref={backButton}
                onPress={() => setView('returned')}
              >
                Back to the integrations of {name}
              </Button>
            </div>
            <BriefPanel
              subject={{ kind: 'entity', entityRef: props.subjectRef }}
            />
          </Flex>
        </DialogBody>
      </Dialog>
    );
  }
  return (
    <Dialog
      className={readable}
      isOpen
      onOpenChange={open => !open && props.onClose()}
      width={980}
    >
      <DialogHeader>Integrations of {name}</DialogHeader>
      <DialogBody>
        <Flex justify="end">
          <Button
            size="small"
            variant="secondary"
            ref={briefButton}
            onPress={() => setView('brief')}
          >
            Prepare a brief
          </Button>
        </Flex>
        {loading && !value && <Skeleton width="100%" height={160} />}
        {error && (
          <LoadError what="the integrations" error={error} retry={retry} />
        )}
        {value && value.total === 0 && (
          <Text as="p" color="secondary">
            No current integration counts for {name}.
          </Text>
        )}
        {value && value.total > 0 && (
          <Flex direction="column" gap="2">
            <Text as="p" variant="body-small" color="secondary">
              {value.total > value.items.length
                ? `The ${value.items.length} of ${value.total} integrations most in need of attention`
                : `${value.total} integrations`}
              : incidents in the last {value.windowDays} days first, then the
              lowest scores.
            </Text>
            <div className={styles.scroll}>
              <table
                className={styles.table}
                aria-label={`Integrations of ${name}`}
              >
                <thead>
                  <tr>
                    <th scope="col">Consumer</th>
                    <th scope="col">Provider</th>
                    <th scope="col">Side</th>
                    <th scope="col">Contract</th>
                    <th scope="col">Mocks</th>
                    <th scope="col">Incidents</th>
                    <th scope="col">
                      <VisuallyHidden>Details</VisuallyHidden>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {value.items.map(row => (
                    <tr key={row.id}>
                      <td>
                        <EntityRefLink entityRef={row.consumerRef} />
                      </td>
                      <td>
                        <EntityRefLink entityRef={row.providerRef} />
                        {row.apiRef && (
                          <Text
                            as="div"
                            variant="body-x-small"
                            color="secondary"
                          >
                            via <EntityRefLink entityRef={row.apiRef} />
                          </Text>
                        )}
                      </td>
                      <td>{SIDE_LABELS[row.side]}</td>
                      <td>
                        <ScoreBadge
                          title="Contract freshness"
                          score={row.scores?.contract}
                        />
                      </td>
                      <td>
                        <ScoreBadge
                          title="Mock freshness"
                          score={row.scores?.mock}
                        />
                      </td>
                      <td>{row.incidents}</td>
                      <td>
                        <Link
                          href={tab(
                            row.side === 'provider'
                              ? row.providerRef
                              : row.consumerRef,
                          )}
                        >
                          Integrations tab
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Flex>
        )}
      </DialogBody>
    </Dialog>
  );
}
