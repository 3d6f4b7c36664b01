import { SchemaModel } from '../schema/SchemaModel';
import { FindingCollector, NewFinding } from './FindingCollector';

/** What a rule sees of one statement: the schema around it and where to report. */
export class RuleContext {
  constructor(
    /** The schema before the migration. */
    readonly start: SchemaModel,
    /** The schema before this statement; rules only read it. */
    readonly current: SchemaModel,
    /** The schema after the whole migration. */
    readonly end: SchemaModel,
    /** Names this migration created or renamed into: changes to them are part of their creation. */
    readonly introduced: Set<string>,
    /** Names this migration drops or renames away and then creates again. */
    readonly recreated: Set<string>,
    private readonly collector: FindingCollector,
    readonly line: number,
  ) {}

  report(finding: Omit<NewFinding, 'line'>): void {
    this.collector.add({ ...finding, line: this.line });
  }

  unclassified(): void {
    this.collector.unclassified += 1;
  }

  /** The columns of a table before this statement, qualified. */
  columnsOf(table: string): string[] {
    return Object.keys(this.current.tables[table]?.columns ?? {}).map(
      c => `${table}.${c}`,
    );
  }

  /** Columns, before this statement, whose type is `type` (qualified or bare). */
  columnsOfType(type: string): { tables: string[]; columns: string[] } {
    const bare = type.slice(type.indexOf('.') + 1);
    const tables: string[] = [];
    const columns: string[] = [];
    for (const [table, model] of Object.entries(this.current.tables)) {
      for (const [column, c] of Object.entries(model.columns)) {
        const base = c.type.replace(/(\[\])+$/, '');
        if (base === type || base === bare) {
          tables.push(table);
          columns.push(`${table}.${column}`);
        }
      }
    }
    return { tables, columns };
  }
}
