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
import { GraphDirection } from '@integration-health/plugin-integration-health-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useIntegrationsSignal } from '../useIntegrationsSignal';
import { integrationHealthApiRef } from '../../api';
import styles from './DependencyMap.module.css';
import { layoutGraph } from './layoutGraph';
import { shortName } from './describeNode';
import { MapCanvas } from './MapCanvas';
import { MapTables } from './MapTables';
import { LoadError } from '../LoadError';
import { useEntityPath } from '../useEntityPath';
import { readable } from '../Readable';

const DIRECTIONS: { value: GraphDirection; label: string }[] = [
  { value: 'both', label: 'Both' },
  { value: 'upstream', label: 'Upstream' },
  { value: 'downstream', label: 'Downstream' },
];
const DEPTHS = [1, 2, 3, 4];

/**
 * The entity's dependency map: upstream and downstream to a chosen depth,
 * laid out on one bounded payload from the server, with the blast radius of
 * a chosen API highlighted. Every node links to its catalog page.
 *
 * @public
 */
export function DependencyMap(props: { entityRef: string }) {
  const api = useApi(integrationHealthApiRef);
  const entityPath = useEntityPath();
  const [direction, setDirection] = useState<GraphDirection>('both');
  const [depth, setDepth] = useState(2);
  const [blastFrom, setBlastFrom] = useState('');
  const [asTable, setAsTable] = useState(false);

  // Bumped when the backend says something on the map changed.
  const [version, setVersion] = useState(0);
  const graph = useAsync(
    () => api.getGraph(props.entityRef, { direction, depth }),
    [api, props.entityRef, direction, depth, version],
  );
  useIntegrationsSignal(
    () => setVersion(v => v + 1),
    graph.value
      ? [props.entityRef, ...graph.value.nodes.map(n => n.ref)]
      : [props.entityRef],
  );
  const radius = useAsync(
    async () => (blastFrom ? api.getBlastRadius(blastFrom, 4) : undefined),
    [api, blastFrom],
  );
  const layout = useMemo(
    () => (graph.value ? layoutGraph(graph.value) : undefined),
    [graph.value],
  );
  const apis = useMemo(
    () =>
      [
        ...new Set(
          (graph.value?.edges ?? []).flatMap(e => (e.apiRef ? [e.apiRef] : [])),
        ),
      ].sort(),
    [graph.value],
  );
  const reached = new Set(radius.value?.consumers.map(c => c.ref) ?? []);

  return (
    <Card className={readable}>
      <CardHeader>
        <Flex justify="between" align="center">
          <Text as="h3" variant="title-x-small">
            Dependency map
          </Text>
          <Flex gap="4" align="center">
            <Flex gap="1" role="group" aria-label="Direction">
              {DIRECTIONS.map(d => (
                <Button
                  key={d.value}
                  size="small"
                  variant={direction === d.value ? 'primary' : 'secondary'}
                  aria-pressed={direction === d.value}
                  onPress={() => setDirection(d.value)}
                >
                  {d.label}
                </Button>
              ))}
            </Flex>
            <Flex gap="1" role="group" aria-label="Depth">
              {DEPTHS.map(d => (
                <Button
                  key={d}
                  size="small"
                  variant={depth === d ? 'primary' : 'secondary'}
                  aria-pressed={depth === d}
                  aria-label={`Depth ${d}`}
                  onPress={() => setDepth(d)}
                >
                  {String(d)}
                </Button>
              ))}
            </Flex>
          </Flex>
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          <Flex gap="3" align="center">
            <label htmlFor="blast-radius-api">
              <Text variant="body-small">Blast radius of a change to</Text>
            </label>
            <select
              id="blast-radius-api"
              className={styles.select}
              value={blastFrom}
              onChange={e => setBlastFrom(e.target.value)}
            >
              <option value="">no API selected</option>
              {apis.map(ref => (
                <option key={ref} value={ref}>
                  {shortName(ref)}
                </option>
              ))}
            </select>
            {radius.value && (
              <Text variant="body-small">
                {radius.value.consumers.length} consumers reached
                {radius.value.truncated.depth || radius.value.truncated.nodes
                  ? ' (limited)'
                  : ''}
              </Text>
            )}
          </Flex>
          {graph.loading && !graph.value && (
            <Skeleton
              width="100%"
              height={240}
              aria-label="Loading the dependency map"
            />
          )}
          {graph.error && (
            <LoadError what="the dependency map" error={graph.error} />
          )}
          {layout && graph.value && (
            <>
              {graph.value.nodes.length <= 1 ? (
                <Text color="secondary">
                  No integrations to map in this direction.
                </Text>
              ) : (
                <>
                  <div>
                    <Button
                      size="small"
                      variant="secondary"
                      onPress={() => setAsTable(t => !t)}
                    >
                      {asTable ? 'Show as map' : 'Show as table'}
                    </Button>
                  </div>
                  {asTable ? (
                    <MapTables
                      layout={layout}
                      rootRef={props.entityRef}
                      blastFrom={blastFrom}
                      reached={reached}
                      entityPath={entityPath}
                    />
                  ) : (
                    <MapCanvas
                      layout={layout}
                      rootRef={props.entityRef}
                      blastFrom={blastFrom}
                      reached={reached}
                      entityPath={entityPath}
                    />
                  )}
                </>
              )}
              <Text variant="body-x-small" color="secondary">
                Arrows point from consumer to provider. Dashed: no accountable
                owner. Number and colour: the lowest contract or mock score of a
                node's integrations here (green 80+, amber 50–79, red below 50,
                grey and – without evidence). ⚠ and red outline: reached by the
                selected change.
                {graph.value.truncated.depth && ' More lies beyond this depth.'}
                {graph.value.truncated.nodes &&
                  ' Limited to the first 1,000 entities.'}
              </Text>
            </>
          )}
        </Flex>
      </CardBody>
    </Card>
  );
}
