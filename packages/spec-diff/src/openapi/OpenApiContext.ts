import { FindingCollector } from '../FindingCollector';
import { SpecDocument } from '../load/SpecDocument';
import { Direction, SchemaComparator } from '../schema/SchemaComparator';
import { SchemaRoot, schemaRule } from '../schema/schemaRules';

/** What every OpenAPI check works with. */
export type OpenApiContext = {
  base: SpecDocument;
  revision: SpecDocument;
  schemas: SchemaComparator;
  findings: FindingCollector;
  /** YYYY-MM-DD that sunset dates are judged against. */
  today: string;
};

/** Compares two schemas and reports each change under one label. */
export function reportSchemaChanges(
  context: OpenApiContext,
  options: {
    base: { node: unknown; pointer: string };
    revision: { node: unknown; pointer: string };
    direction: Direction;
    root: SchemaRoot;
    location: string;
    label: string;
  },
): void {
  const changes = context.schemas.compare(
    options.base,
    options.revision,
    options.direction,
  );
  for (const change of changes) {
    const rule = schemaRule(
      options.direction,
      options.root,
      change.path,
      change.change,
    );
    const subject = `${options.label}|${change.path}|${change.change}|${change.message}`;
    const message = `${options.label}${
      change.path ? ` property '${change.path}'` : ''
    }: ${change.message}`;
    if (!rule) {
      context.findings.add({
        id: `unclassified-${change.change}`,
        location: options.location,
        pointer: change.pointer,
        message,
        subject,
      });
      continue;
    }
    context.findings.add({
      id: rule.id,
      level: rule.level,
      location: options.location,
      pointer: change.pointer,
      message,
      subject,
      sunset: change.sunset,
    });
  }
}

/** A date from `x-sunset` or `Sunset`, as YYYY-MM-DD, when it reads as one. */
export function sunsetOf(node: any): string | undefined {
  const raw = node?.['x-sunset'] ?? node?.['x-sunset-date'];
  if (raw === undefined || raw === null) return undefined;
  const date = raw instanceof Date ? raw : new Date(String(raw));
  return Number.isNaN(date.getTime())
    ? undefined
    : date.toISOString().slice(0, 10);
}
