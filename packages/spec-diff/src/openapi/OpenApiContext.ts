import { FindingCollector } from '../FindingCollector';
import { SpecDocument } from '../load/SpecDocument';
import { DeprecationDays, daysBetween } from '../lifecycle';
import { StableRefs } from '../load/StableRefs';
import {
  Direction,
  SchemaChange,
  SchemaComparator,
} from '../schema/SchemaComparator';
import { SchemaRoot, schemaRule } from '../schema/schemaRules';
import { whyItMatters } from '../schema/why';

/** What every OpenAPI check works with. */
export type OpenApiContext = {
  base: SpecDocument;
  revision: SpecDocument;
  schemas: SchemaComparator;
  findings: FindingCollector;
  /** YYYY-MM-DD that sunset dates are judged against. */
  today: string;
  /** Least days between deprecation and sunset, by stability level. */
  deprecationDays: DeprecationDays;
  /** Which parts are the same text, with the same targets, in both versions. */
  stable?: StableRefs;
};

/** Where a schema was compared, as far as its rules care. */
export type SchemaPlace = {
  direction: Direction;
  root: SchemaRoot;
  /** JSON media read `1` and `"1"` apart; text media, parameters and headers do not. */
  stronglyTyped?: boolean;
  /** Least days a deprecation must announce, from the operation's stability. */
  minSunsetDays?: number;
  today: string;
};

/** JSON and `+json` media are strongly typed. */
export function isStronglyTyped(mediaType: string): boolean {
  const bare = mediaType.split(';')[0].trim().toLowerCase();
  return bare === 'application/json' || bare.endsWith('+json');
}

/** The kind of a change once where it was found is known. */
export function placedKind(change: SchemaChange, place: SchemaPlace): string {
  const { facts } = change;
  if (change.change === 'type-changed' && facts?.typeVerdict) {
    const { strong, loose } = facts.typeVerdict;
    if (place.root === 'header') return `type-${loose}`;
    // A parameter is text on the wire: its type either still reads or not.
    if (place.root !== 'body' && !change.path)
      return loose === 'compatible' ? 'type-generalized' : `type-${loose}`;
    if (place.root !== 'body') {
      // An object parameter's serialization is unknown: JSON or form style.
      const strongBreaks = strong === 'changed';
      const looseBreaks = loose === 'changed';
      if (strongBreaks && looseBreaks) return 'type-specialized';
      if (strongBreaks !== looseBreaks) return 'type-changed';
      return 'type-generalized';
    }
    return `type-${place.stronglyTyped === false ? loose : strong}`;
  }
  if (change.change === 'deprecated' && facts?.sunset) {
    const minDays = place.minSunsetDays ?? 0;
    const { date, invalid } = facts.sunset;
    if (invalid) return 'deprecated-sunset-invalid';
    if (!date) return minDays > 0 ? 'deprecated-sunset-missing' : 'deprecated';
    if (daysBetween(place.today, date) < minDays)
      return 'sunset-date-too-small';
    return 'deprecated-with-sunset';
  }
  return change.change;
}

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
    stronglyTyped?: boolean;
    minSunsetDays?: number;
  },
): void {
  const changes = context.schemas.compare(
    options.base,
    options.revision,
    options.direction,
  );
  const place: SchemaPlace = {
    direction: options.direction,
    root: options.root,
    stronglyTyped: options.stronglyTyped,
    minSunsetDays: options.minSunsetDays,
    today: context.today,
  };
  for (const change of changes) {
    const kind = placedKind(change, place);
    const rule = schemaRule(
      options.direction,
      options.root,
      change.path,
      kind,
      change.facts,
    );
    const subject = `${options.label}|${change.path}|${change.change}|${change.message}`;
    const where = `${options.label}${
      change.path ? ` property '${change.path}'` : ''
    }`;
    if (!rule) {
      const message = `${where}: ${change.message}`;
      context.findings.add({
        id: `unclassified-${kind}`,
        location: options.location,
        pointer: change.pointer,
        message,
        subject,
      });
      continue;
    }
    const message = `${where}: ${change.message}: ${whyItMatters(
      options.direction,
      kind,
      rule.level,
      change.path,
    )}`;
    context.findings.add({
      id: rule.id,
      level: rule.level,
      location: options.location,
      pointer: change.pointer,
      message,
      subject,
      sunset: change.sunset,
    });
    // The reference names a header parameter that became an enum both ways.
    if (
      options.root === 'header-parameter' &&
      !change.path &&
      kind === 'became-enum'
    ) {
      context.findings.add({
        id: 'request-header-property-became-enum',
        level: rule.level,
        location: options.location,
        pointer: change.pointer,
        message,
        subject,
      });
    }
  }
}
