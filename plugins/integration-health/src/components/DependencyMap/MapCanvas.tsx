import { GraphLayout, NODE_HEIGHT, NODE_WIDTH } from './layoutGraph';
import { describeNode, displayName } from './describeNode';
import { scoreBand } from '../ScoreBadge/scoreBand';
import styles from './DependencyMap.module.css';
import { callsWidth, failureBand, observedText } from './observedText';

const FAILURE_CLASSES = {
  low: '',
  unknown: '',
  raised: styles.failureRaised,
  high: styles.failureHigh,
};

/** An edge reached by the selected change: both ends, or the change's own edge. */
export function edgeReached(
  edge: GraphLayout['edges'][number],
  reached: Set<string>,
  blastFrom: string,
): boolean {
  return (
    reached.has(edge.consumerRef) &&
    (reached.has(edge.providerRef) ||
      edge.apiRef === blastFrom ||
      edge.providerRef === blastFrom)
  );
}

/** The classes of an edge: ownership, what telemetry saw, the blast radius. */
function edgeClasses(
  edge: GraphLayout['edges'][number],
  reached: boolean,
): string {
  const seen = edge.observed;
  return [
    styles.edge,
    edge.unowned ? styles.unowned : '',
    seen?.status === 'undeclared' ? styles.undeclared : '',
    seen?.status === 'not-observed' ? styles.notObserved : '',
    // Undeclared edges stay blue; while a change is selected, red is the
    // blast radius only.
    seen?.status === 'confirmed' && !reached
      ? FAILURE_CLASSES[failureBand(seen.failureRate)]
      : '',
    reached ? styles.reachedEdge : '',
  ].join(' ');
}

const HEALTH_CLASSES = {
  good: styles.healthGood,
  fair: styles.healthFair,
  poor: styles.healthPoor,
  unknown: styles.healthUnknown,
};

/**
 * The drawn map. Each node is one link (nothing interactive inside another),
 * in reading order: column by column, consumers first, top to bottom.
 */
export function MapCanvas(props: {
  layout: GraphLayout;
  rootRef: string;
  blastFrom: string;
  reached: Set<string>;
  entityPath: (ref: string) => string;
}) {
  const { layout, rootRef, blastFrom, reached } = props;
  const nodes = [...layout.nodes].sort((a, b) => a.x - b.x || a.y - b.y);
  return (
    <div className={styles.canvas}>
      <svg
        width={layout.width}
        height={layout.height}
        role="group"
        aria-label={`Dependency map with ${layout.nodes.length} entities and ${layout.edges.length} integrations`}
      >
        <defs>
          {/* The same size of arrow on every line, however thick. */}
          <marker
            id="ih-arrow"
            viewBox="0 0 8 8"
            refX="8"
            refY="4"
            markerWidth="9"
            markerHeight="9"
            markerUnits="userSpaceOnUse"
            orient="auto"
          >
            <path d="M0,0 L8,4 L0,8 z" fill="currentColor" />
          </marker>
          {/* Long names are cut at the node's edge, the score kept clear. */}
          <clipPath id="ih-node-name">
            <rect x={0} y={0} width={NODE_WIDTH - 44} height={NODE_HEIGHT} />
          </clipPath>
        </defs>
        <g aria-hidden="true">
          {layout.edges.map(edge => (
            <polyline
              key={edge.id}
              className={edgeClasses(
                edge,
                edgeReached(edge, reached, blastFrom),
              )}
              style={
                edge.observed && edge.observed.status !== 'not-observed'
                  ? { strokeWidth: callsWidth(edge.observed.calls) }
                  : undefined
              }
              points={edge.points.map(p => `${p.x},${p.y}`).join(' ')}
              markerEnd="url(#ih-arrow)"
            >
              <title>
                {`${edge.consumerRef} → ${edge.providerRef}${
                  edge.apiRef ? ` via ${edge.apiRef}` : ''
                }${edge.unowned ? ' (no accountable owner)' : ''}${
                  edge.observed ? `. ${observedText(edge.observed)}` : ''
                }`}
              </title>
            </polyline>
          ))}
        </g>
        {nodes.map(node => {
          const isReached = reached.has(node.ref);
          const score = node.health?.lowestScore;
          const name = describeNode({
            ref: node.ref,
            health: node.health,
            isRoot: node.ref === rootRef,
            blastFrom,
            reached: isReached,
          });
          const className = [
            styles.node,
            HEALTH_CLASSES[scoreBand(score)],
            node.ref === rootRef ? styles.root : '',
            isReached ? styles.reached : '',
          ].join(' ');
          return (
            <g
              key={node.ref}
              className={className}
              transform={`translate(${node.x - NODE_WIDTH / 2},${
                node.y - NODE_HEIGHT / 2
              })`}
            >
              <a href={props.entityPath(node.ref)} aria-label={name}>
                <title>{name}</title>
                <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={6} />
                <text
                  x={10}
                  y={NODE_HEIGHT / 2 + 4}
                  clipPath="url(#ih-node-name)"
                >
                  {displayName(node.ref)}
                </text>
              </a>
              {/* The score and the blast radius in text, not colour alone. */}
              <text
                x={NODE_WIDTH - 8}
                y={NODE_HEIGHT / 2 + 4}
                textAnchor="end"
                className={styles.score}
                aria-hidden="true"
              >
                {`${isReached ? '⚠ ' : ''}${score ?? '–'}`}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
