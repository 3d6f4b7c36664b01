import { fingerprint } from './fingerprint';
import { DiffSummary, Finding, FindingLevel } from './types';

export type NewFinding = {
  id: string;
  location: string;
  pointer: string;
  message: string;
  /** What the change is about within its location, for the fingerprint. */
  subject?: string;
  sunset?: string;
  /** Given when the rule's level depends on where it was found. */
  level?: FindingLevel;
};

/** Gathers findings, gives each its level from the rule table and a fingerprint. */
export class FindingCollector {
  private readonly findings: Finding[] = [];
  private readonly seen = new Set<string>();
  unclassified = 0;

  constructor(
    private readonly levelOf: (id: string) => FindingLevel | undefined,
  ) {}

  add(finding: NewFinding): void {
    const level = finding.level ?? this.levelOf(finding.id);
    if (!level) {
      this.unclassified += 1;
      return;
    }
    const print = fingerprint(
      finding.id,
      finding.location,
      finding.subject ?? finding.pointer,
    );
    if (this.seen.has(print)) return;
    this.seen.add(print);
    this.findings.push({
      id: finding.id,
      level,
      location: finding.location,
      pointer: finding.pointer,
      message: finding.message,
      fingerprint: print,
      ...(finding.sunset ? { sunset: finding.sunset } : {}),
    });
  }

  /** How many findings so far are at `level`. */
  count(level: FindingLevel): number {
    return this.findings.filter(f => f.level === level).length;
  }

  result(): { findings: Finding[]; summary: DiffSummary } {
    const summary: DiffSummary = {
      breaking: 0,
      warning: 0,
      info: 0,
      unclassified: this.unclassified,
    };
    for (const f of this.findings) summary[f.level] += 1;
    return { findings: this.findings, summary };
  }
}
