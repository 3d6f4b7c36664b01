import {
  CollectedObservations,
  ObservedCalls,
} from '@integration-health/plugin-integration-health-node';
import { Knex } from 'knex';
import { toOptionalIsoString } from '../database/rowValues';

/** One source's view of one edge, as stored. */
export type StoredObservation = ObservedCalls & {
  source: string;
  connectionType: string;
  windowStart: string;
  windowEnd: string;
  firstSeenAt?: string;
  lastSeenAt?: string;
};

type ObservationRow = {
  source: string;
  client: string;
  server: string;
  connection_type: string;
  calls: number | string;
  failed_calls: number | string | null;
  p95_ms: number | null;
  window_start: unknown;
  window_end: unknown;
  first_seen_at: unknown;
  last_seen_at: unknown;
};

const CHUNK = 500;
/** Rows per insert: 11 columns each, under SQLite's bound parameters. */
const INSERT_CHUNK = 100;

const edgeKey = (client: string, server: string, connectionType: string) =>
  `${client}\n${server}\n${connectionType}`;

function toObservation(row: ObservationRow): StoredObservation {
  return {
    source: row.source,
    client: row.client,
    server: row.server,
    connectionType: row.connection_type,
    calls: Number(row.calls),
    ...(row.failed_calls !== null
      ? { failedCalls: Number(row.failed_calls) }
      : {}),
    ...(row.p95_ms !== null ? { p95LatencyMs: Number(row.p95_ms) } : {}),
    windowStart: toOptionalIsoString(row.window_start)!,
    windowEnd: toOptionalIsoString(row.window_end)!,
    firstSeenAt: toOptionalIsoString(row.first_seen_at),
    lastSeenAt: toOptionalIsoString(row.last_seen_at),
  };
}

/**
 * Observed calls per source (as last collected, with when each edge was
 * first and last seen with traffic) and which entities telemetry names
 * stand for.
 */
export class ObservationStore {
  constructor(private readonly db: Knex) {}

  /**
   * Records what a source saw in a window. Edges it no longer reports keep
   * when they were last seen, with no calls in the new window; edges not
   * seen for `retentionDays` are forgotten.
   */
  async record(
    source: string,
    collected: CollectedObservations,
    options: { retentionDays: number },
  ): Promise<void> {
    const windowStart = new Date(collected.windowStart);
    const windowEnd = new Date(collected.windowEnd);
    await this.db.transaction(async tx => {
      const before = new Map<string, ObservationRow>();
      const rows: ObservationRow[] = await tx('observed_calls').where(
        'source',
        source,
      );
      for (const row of rows) {
        before.set(edgeKey(row.client, row.server, row.connection_type), row);
      }
      const next = new Map<string, Record<string, unknown>>();
      for (const call of collected.calls) {
        const connectionType = call.connectionType ?? '';
        const key = edgeKey(call.client, call.server, connectionType);
        const was = before.get(key);
        const seen = call.calls > 0;
        next.set(key, {
          source,
          client: call.client,
          server: call.server,
          connection_type: connectionType,
          calls: call.calls,
          failed_calls: call.failedCalls ?? null,
          p95_ms: call.p95LatencyMs ?? null,
          window_start: windowStart,
          window_end: windowEnd,
          first_seen_at: was?.first_seen_at ?? (seen ? windowEnd : null),
          last_seen_at: seen ? windowEnd : was?.last_seen_at ?? null,
        });
      }
      const forgetBefore =
        windowEnd.getTime() - options.retentionDays * 86_400_000;
      for (const [key, row] of before) {
        if (next.has(key)) continue;
        const lastSeen = row.last_seen_at
          ? new Date(toOptionalIsoString(row.last_seen_at)!).getTime()
          : undefined;
        if (lastSeen === undefined || lastSeen < forgetBefore) continue;
        next.set(key, {
          ...row,
          calls: 0,
          failed_calls: null,
          p95_ms: null,
          window_start: windowStart,
          window_end: windowEnd,
        });
      }
      await tx('observed_calls').where('source', source).delete();
      const inserts = [...next.values()].map(row => {
        const { id: _id, ...rest } = row as { id?: unknown };
        return rest;
      });
      for (let i = 0; i < inserts.length; i += INSERT_CHUNK) {
        await tx('observed_calls').insert(inserts.slice(i, i + INSERT_CHUNK));
      }
    });
  }

  /** Every source's rows where one of these names calls or is called. */
  async listInvolving(names: string[]): Promise<StoredObservation[]> {
    const rows: ObservationRow[] = [];
    for (let i = 0; i < names.length; i += CHUNK) {
      const chunk = names.slice(i, i + CHUNK);
      rows.push(
        ...(await this.db('observed_calls')
          .whereIn('client', chunk)
          .orWhereIn('server', chunk)),
      );
    }
    const unique = new Map(
      rows.map(row => [
        `${row.source}\n${edgeKey(
          row.client,
          row.server,
          row.connection_type,
        )}`,
        row,
      ]),
    );
    return [...unique.values()].map(toObservation);
  }

  /** Every name any source saw calling or being called. */
  async observedNames(): Promise<string[]> {
    const [clients, servers] = await Promise.all([
      this.db('observed_calls').distinct('client as name'),
      this.db('observed_calls').distinct('server as name'),
    ]);
    return [
      ...new Set([...clients, ...servers].map(row => row.name as string)),
    ];
  }

  /** Whether any source saw any of these names at all. */
  async seenNames(names: string[]): Promise<Set<string>> {
    const seen = new Set<string>();
    for (let i = 0; i < names.length; i += CHUNK) {
      const chunk = names.slice(i, i + CHUNK);
      const rows: { client: string; server: string }[] = await this.db(
        'observed_calls',
      )
        .whereIn('client', chunk)
        .orWhereIn('server', chunk)
        .select('client', 'server');
      for (const row of rows) {
        if (chunk.includes(row.client)) seen.add(row.client);
        if (chunk.includes(row.server)) seen.add(row.server);
      }
    }
    return seen;
  }

  /** Makes the stored names those given: name → the entities it stands for. */
  async replaceNames(names: Map<string, string[]>): Promise<void> {
    const wanted = new Set<string>();
    for (const [name, refs] of names) {
      for (const ref of refs) wanted.add(`${name}\n${ref}`);
    }
    await this.db.transaction(async tx => {
      const rows: { name: string; entity_ref: string }[] = await tx(
        'telemetry_names',
      ).select('name', 'entity_ref');
      const stored = new Set(rows.map(r => `${r.name}\n${r.entity_ref}`));
      const gone = rows.filter(r => !wanted.has(`${r.name}\n${r.entity_ref}`));
      for (let i = 0; i < gone.length; i += CHUNK) {
        const chunk = gone.slice(i, i + CHUNK);
        await tx('telemetry_names')
          .where(builder => {
            for (const r of chunk) {
              builder.orWhere({ name: r.name, entity_ref: r.entity_ref });
            }
          })
          .delete();
      }
      const added = [...wanted]
        .filter(key => !stored.has(key))
        .map(key => {
          const [name, entityRef] = key.split('\n');
          return { name, entity_ref: entityRef };
        });
      for (let i = 0; i < added.length; i += CHUNK) {
        await tx('telemetry_names').insert(added.slice(i, i + CHUNK));
      }
    });
  }

  /**
   * Makes the stored names of these entities those given (an entity gone
   * from the catalog, or without names, loses its names); other entities'
   * names stay.
   */
  async replaceNamesOf(
    entityRefs: string[],
    names: Map<string, string[]>,
  ): Promise<void> {
    const rows = [...names].flatMap(([name, refs]) =>
      refs.map(ref => ({ name, entity_ref: ref })),
    );
    await this.db.transaction(async tx => {
      for (let i = 0; i < entityRefs.length; i += CHUNK) {
        await tx('telemetry_names')
          .whereIn('entity_ref', entityRefs.slice(i, i + CHUNK))
          .delete();
      }
      for (let i = 0; i < rows.length; i += CHUNK) {
        await tx('telemetry_names').insert(rows.slice(i, i + CHUNK));
      }
    });
  }

  /** The entities each name stands for (none, one, or several). */
  async refsOfNames(names: string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    for (let i = 0; i < names.length; i += CHUNK) {
      const rows: { name: string; entity_ref: string }[] = await this.db(
        'telemetry_names',
      )
        .whereIn('name', names.slice(i, i + CHUNK))
        .select('name', 'entity_ref');
      for (const row of rows) {
        found.set(row.name, [...(found.get(row.name) ?? []), row.entity_ref]);
      }
    }
    return found;
  }

  /** The names each of these entities has in telemetry. */
  async namesOfRefs(entityRefs: string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      const rows: { name: string; entity_ref: string }[] = await this.db(
        'telemetry_names',
      )
        .whereIn('entity_ref', entityRefs.slice(i, i + CHUNK))
        .orderBy('name')
        .select('name', 'entity_ref');
      for (const row of rows) {
        found.set(row.entity_ref, [
          ...(found.get(row.entity_ref) ?? []),
          row.name,
        ]);
      }
    }
    return found;
  }

  /** The names an entity has in telemetry. */
  async namesOf(entityRef: string): Promise<string[]> {
    const rows: { name: string }[] = await this.db('telemetry_names')
      .where('entity_ref', entityRef)
      .orderBy('name')
      .select('name');
    return rows.map(row => row.name);
  }
}
