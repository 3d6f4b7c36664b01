import { SchemaFinding } from '@integration-health/plugin-integration-health-common';
import { LevelBadge } from '../LevelBadge';
import styles from './SchemaHistory.module.css';

const ORDER: Record<SchemaFinding['level'], number> = {
  breaking: 0,
  warning: 1,
  info: 2,
};

/** A migration's classified changes, breaking first, then by line. */
export function FindingsTable(props: {
  caption: string;
  findings: SchemaFinding[];
}) {
  const findings = [...props.findings].sort(
    (a, b) => ORDER[a.level] - ORDER[b.level] || a.line - b.line,
  );
  return (
    <table className={styles.table}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Level</th>
          <th scope="col">Rule</th>
          <th scope="col">Object</th>
          <th scope="col">Line</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {findings.map(finding => (
          <tr key={finding.fingerprint}>
            <td>
              <LevelBadge tone={finding.level}>{finding.level}</LevelBadge>
            </td>
            <td>
              <code>{finding.ruleId}</code>
            </td>
            <th scope="row">
              <code>{finding.object}</code>
            </th>
            <td>{finding.line}</td>
            <td>{finding.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
