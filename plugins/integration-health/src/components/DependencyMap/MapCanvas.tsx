import { GraphLayout, NODE_HEIGHT, NODE_WIDTH } from './layoutGraph';
import { describeNode, displayName } from './describeNode';
import { scoreBand } from '../ScoreBadge/scoreBand';
import styles from './DependencyMap.module.css';

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
          <marker
            id="ih-arrow"
            viewBox="0 0 8 8"
            refX="8"
            refY="4"
            markerWidth="8"
            markerHeight="8"
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
              className={[
                styles.edge,
                edge.unowned ? styles.unowned : '',
                reached.has(edge.consumerRef) &&
                (reached.has(edge.providerRef) ||
                  edge.apiRef === blastFrom ||
                  edge.providerRef === blastFrom)
                  ? styles.reachedEdge
                  : '',
              ].join(' ')}
              points={edge.points.map(p => `${p.x},${p.y}`).join(' ')}
              markerEnd="url(#ih-arrow)"
            >
              <title>
                {`${edge.consumerRef} → ${edge.providerRef}${
                  edge.apiRef ? ` via ${edge.apiRef}` : ''
                }${edge.unowned ? ' (no accountable owner)' : ''}`}
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
