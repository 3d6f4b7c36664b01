import { Link } from '@backstage/ui';
import { GraphLayout } from './layoutGraph';
import { blastText, healthText } from './describeNode';
import { scoreBand, ScoreBandIcon } from '../ScoreBadge/scoreBand';
import styles from './DependencyMap.module.css';
import { edgeReached } from './MapCanvas';
import { observedText } from './observedText';

/** Who is accountable for an edge, in words. */
function ownerText(edge: GraphLayout['edges'][number]): string {
  if (edge.observedOnly) return 'Not declared';
  return edge.unowned ? 'None' : 'Assigned';
}

/**
 * The map as two tables, for screen readers and anyone who prefers text:
 * the entities (in the map's reading order) and the integrations between them.
 */
export function MapTables(props: {
  layout: GraphLayout;
  rootRef: string;
  blastFrom: string;
  reached: Set<string>;
  entityPath: (ref: string) => string;
  /** Whether the map shows what telemetry saw. */
  observed: boolean;
}) {
  const { layout, rootRef, blastFrom, reached, entityPath } = props;
  const nodes = [...layout.nodes].sort((a, b) => a.x - b.x || a.y - b.y);
  const link = (ref: string) => <Link href={entityPath(ref)}>{ref}</Link>;
  return (
    <>
      <table className={styles.table}>
        <caption>
          Entities on the dependency map ({nodes.length}), consumers first
        </caption>
        <thead>
          <tr>
            <th scope="col">Entity</th>
            <th scope="col">Health</th>
            {blastFrom && <th scope="col">Blast radius</th>}
          </tr>
        </thead>
        <tbody>
          {nodes.map(node => (
            <tr key={node.ref}>
              <th scope="row">
                {link(node.ref)}
                {node.ref === rootRef && ' (this entity)'}
              </th>
              <td>
                <ScoreBandIcon band={scoreBand(node.health?.lowestScore)} />{' '}
                {healthText(node.health)}
              </td>
              {blastFrom && (
                <td>{blastText(blastFrom, reached.has(node.ref))}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <table className={styles.table}>
        <caption>
          Integrations on the dependency map ({layout.edges.length})
        </caption>
        <thead>
          <tr>
            <th scope="col">Consumer</th>
            <th scope="col">Provider</th>
            <th scope="col">Through</th>
            <th scope="col">Accountable owner</th>
            {props.observed && <th scope="col">In production</th>}
            {blastFrom && <th scope="col">Blast radius</th>}
          </tr>
        </thead>
        <tbody>
          {layout.edges.map(edge => (
            <tr key={edge.id}>
              <td>{link(edge.consumerRef)}</td>
              <td>{link(edge.providerRef)}</td>
              <td>{edge.apiRef ? link(edge.apiRef) : '—'}</td>
              <td>{ownerText(edge)}</td>
              {props.observed && (
                <td>
                  {edge.observed
                    ? observedText(edge.observed)
                    : 'Not seen by telemetry'}
                </td>
              )}
              {blastFrom && (
                <td>
                  {blastText(blastFrom, edgeReached(edge, reached, blastFrom))}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
