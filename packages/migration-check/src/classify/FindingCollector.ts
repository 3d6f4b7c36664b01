import { createHash } from 'node:crypto';
import { MigrationFinding, MigrationSummary, Touches } from '../types';
import { ruleLevel } from './rules';

export type NewFinding = {
  ruleId: string;
  object: string;
  message: string;
  line: number;
  tables?: string[];
  columns?: string[];
};

/** Gathers findings, gives each its level from the registry and a fingerprint. */
export class FindingCollector {
  private readonly findings: MigrationFinding[] = [];
  private readonly seen = new Set<string>();
  unclassified = 0;

  constructor(private readonly migrationId: string) {}

  add(finding: NewFinding): void {
    const level = ruleLevel(finding.ruleId);
    if (!level)
      throw new Error(`rule ${finding.ruleId} is not in the registry`);
    const fingerprint = createHash('sha256')
      .update(
        [
          this.migrationId,
          finding.ruleId,
          finding.object,
          finding.message,
        ].join('\0'),
      )
      .digest('hex')
      .slice(0, 16);
    if (this.seen.has(fingerprint)) return;
    this.seen.add(fingerprint);
    this.findings.push({
      ruleId: finding.ruleId,
      level,
      message: finding.message,
      object: finding.object,
      line: finding.line,
      touches: {
        tables: [...new Set(finding.tables ?? [])],
        columns: [...new Set(finding.columns ?? [])],
      },
      fingerprint,
    });
  }

  result(): {
    findings: MigrationFinding[];
    summary: MigrationSummary;
    touches: Touches;
  } {
    const summary: MigrationSummary = {
      breaking: 0,
      warning: 0,
      info: 0,
      unclassified: this.unclassified,
    };
    const tables = new Set<string>();
    const columns = new Set<string>();
    for (const f of this.findings) {
      summary[f.level] += 1;
      f.touches.tables.forEach(t => tables.add(t));
      f.touches.columns.forEach(c => columns.add(c));
    }
    return {
      findings: [...this.findings].sort((a, b) => a.line - b.line),
      summary,
      touches: { tables: [...tables].sort(), columns: [...columns].sort() },
    };
  }
}
