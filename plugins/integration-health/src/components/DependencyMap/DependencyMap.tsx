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
import {
  GraphDirection,
  GraphEdgeView,
} from '@integration-health/plugin-integration-health-common';
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
const VIEWS: { value: GraphEdgeView; label: string }[] = [
  { value: 'declared', label: 'Declared' },
  { value: 'observed', label: 'Observed' },
  { value: 'both', label: 'Declared + observed' },
];

/** A row of toggle buttons, one pressed, under a visible label. */
function Toggle<T extends string | number>(props: {
  label: string;
  options: { value: T; label: string; ariaLabel?: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <Flex gap="1" role="group" aria-label={props.label} align="center">
      <Text variant="body-x-small" color="secondary" aria-hidden="true">
        {props.label}
      </Text>
      {props.options.map(option => (
        <Button
          key={option.value}
          size="small"
          variant={props.value === option.value ? 'primary' : 'secondary'}
          aria-pressed={props.value === option.value}
          aria-label={option.ariaLabel}
          onPress={() => props.onChange(option.value)}
        >
          {option.label}
        </Button>
      ))}
    </Flex>
  );
}

/** What the line styles mean, for the edges the map shows. */
function legend(view: GraphEdgeView): string {
  const declared =
    'Arrows point from consumer to provider. Dashed amber: no accountable owner.';
  const observed =
    ' Observed edges are thicker with more calls and amber (1–5% failed) or red (5% or more); dash-dot blue: seen in production but not declared in the catalog; dotted grey: declared, no traffic seen.';
  return `${
    view === 'observed' ? 'Arrows point from consumer to provider.' : declared
  }${view === 'declared' ? '' : observed}`;
}

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
  const [view, setView] = useState<GraphEdgeView>('declared');
  const [blastFrom, setBlastFrom] = useState('');
  const [asTable, setAsTable] = useState(false);

  // Bumped when the backend says something on the map changed.
  const [version, setVersion] = useState(0);
  const graph = useAsync(
    () => api.getGraph(props.entityRef, { direction, depth, edges: view }),
    [api, props.entityRef, direction, depth, view, version],
  );
  useIntegrationsSignal(
    () => setVersion(v => v + 1),
    graph.value
      ? [props.entityRef, ...graph.value.nodes.map(n => n.ref)]
      : [props.entityRef],
  );
  const radius = useAsync(
    async () =>
      blastFrom
        ? api.getBlastRadius(
            blastFrom,
            4,
            view === 'declared' ? 'declared' : 'both',
          )
        : undefined,
    [api, blastFrom, view],
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
  const viaObserved =
    radius.value?.consumers.filter(c => c.via === 'observed').length ?? 0;

  return (
    <Card className={readable}>
      <CardHeader>
        <div className={styles.header}>
          <Text as="h3" variant="title-x-small">
            Dependency map
          </Text>
          <div className={styles.controls}>
            <Toggle
              label="Edges"
              options={VIEWS}
              value={view}
              onChange={setView}
            />
            <Toggle
              label="Direction"
              options={DIRECTIONS}
              value={direction}
              onChange={setDirection}
            />
            <Toggle
              label="Depth"
              options={DEPTHS.map(d => ({
                value: d,
                label: String(d),
                ariaLabel: `Depth ${d}`,
              }))}
              value={depth}
              onChange={setDepth}
            />
          </div>
        </div>
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
                {viaObserved > 0
                  ? `, ${viaObserved} only through calls seen in production`
                  : ''}
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
                  {view === 'observed'
                    ? 'No traffic observed in this direction.'
                    : 'No integrations to map in this direction.'}
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
                      observed={view !== 'declared'}
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
                {legend(view)} Number and colour of a node: the lowest contract
                or mock score of its integrations here (green 80+, amber 50–79,
                red below 50, grey and – without evidence). ⚠ and red outline:
                reached by the selected change.
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
