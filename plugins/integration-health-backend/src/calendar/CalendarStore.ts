import {
  AcknowledgementRecord,
  CalendarAnnouncement,
  CalendarChange,
  CalendarEntry,
  CalendarEntryRevision,
} from '@integration-health/plugin-integration-health-common';
import { NotFoundError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  optional,
  parseJsonColumn,
  toIsoString,
  toOptionalIsoString,
} from '../database/rowValues';
import { reopensAcknowledgements } from './scopeRevision';

/** An entry as stored, without the consumers (those come from today's integrations). */
export type StoredEntry = Omit<
  CalendarEntry,
  'consumers' | 'canManage' | 'providerOwnerRefs' | 'acknowledgeBy' | 'revision'
> & {
  /** A detected entry effective when its version shipped (not at a sunset date). */
  effectiveWhenDetected: boolean;
  /** For a migration: the consumers its dry run says it reaches; otherwise undefined. */
  reachedConsumerRefs?: string[];
};

/** A detected entry: one spec version's breaking changes, or its deprecations with one sunset date. */
export type DetectedEntry = {
  sourceKey: string;
  apiRef: string;
  title: string;
  changes: CalendarChange[];
  effectiveAt: string;
  /** For a migration: the consumers its dry run says it reaches. */
  reachedConsumerRefs?: string[];
};

/** The key of one entry and consumer's acknowledgement trail. */
export const ackKey = (entryId: string, consumerRef: string) =>
  `${entryId}\u0000${consumerRef}`;

type EntryRow = {
  id: string;
  origin: string;
  api_ref: string;
  title: string;
  description: string | null;
  operations: string;
  changes: string;
  effective_at: unknown;
  migration_notes: string | null;
  migration_url: string | null;
  cancelled_at: unknown;
  sequence: number;
  scope_revision: number;
  source_key: string | null;
  reached_consumer_refs?: string | null;
  created_by: string | null;
  created_at: unknown;
  updated_at: unknown;
};

const ENTRIES = 'calendar_entries';

function toEntry(row: EntryRow): StoredEntry {
  return {
    id: row.id,
    origin: row.origin as StoredEntry['origin'],
    apiRef: row.api_ref,
    title: row.title,
    description: optional(row.description),
    operations: parseJsonColumn<string[]>(row.operations, []),
    changes: parseJsonColumn<CalendarChange[]>(row.changes, []),
    effectiveAt: toIsoString(row.effective_at),
    migrationNotes: optional(row.migration_notes),
    migrationUrl: optional(row.migration_url),
    cancelledAt: toOptionalIsoString(row.cancelled_at),
    sequence: Number(row.sequence),
    scopeRevision: Number(row.scope_revision ?? 0),
    effectiveWhenDetected: row.source_key?.endsWith('|') ?? false,
    ...(row.reached_consumer_refs
      ? {
          reachedConsumerRefs: parseJsonColumn<string[]>(
            row.reached_consumer_refs,
            [],
          ),
        }
      : {}),
    createdBy: optional(row.created_by),
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
  };
}

function announcementColumns(a: CalendarAnnouncement) {
  return {
    api_ref: a.apiRef,
    title: a.title,
    description: a.description ?? null,
    operations: JSON.stringify(a.operations ?? []),
    changes: JSON.stringify(a.changes ?? []),
    effective_at: new Date(a.effectiveAt),
    migration_notes: a.migrationNotes ?? null,
    migration_url: a.migrationUrl ?? null,
  };
}

export interface CalendarStore {
  /** Adds the detected entries not seen before; answers the new ones. */
  addDetected(entries: DetectedEntry[], now: Date): Promise<StoredEntry[]>;
  announce(
    a: CalendarAnnouncement,
    byRef: string,
    now: Date,
  ): Promise<StoredEntry>;
  update(
    id: string,
    a: CalendarAnnouncement,
    byRef: string,
    now: Date,
  ): Promise<StoredEntry>;
  cancel(id: string, byRef: string, now: Date): Promise<StoredEntry>;
  get(id: string): Promise<StoredEntry | undefined>;
  /** Entries, by effective date; of some APIs only when given. */
  list(options?: {
    apiRefs?: string[];
    includeCancelled?: boolean;
  }): Promise<StoredEntry[]>;
  history(id: string): Promise<CalendarEntryRevision[]>;
  /**
   * Appends to the trail as the `step`-th record of its scope revision;
   * false, and nothing written, when another request wrote that step first.
   */
  addAcknowledgement(
    entryId: string,
    consumerRef: string,
    record: AcknowledgementRecord,
    step: number,
  ): Promise<boolean>;
  /** The acknowledgement trail of each entry and consumer, oldest first. */
  acknowledgements(
    entryIds: string[],
  ): Promise<Map<string, AcknowledgementRecord[]>>;
  /** Records that a notification went out; false when it had already. */
  markNotified(
    entryId: string,
    recipient: string,
    kind: string,
    at: Date,
  ): Promise<boolean>;
  unmarkNotified(
    entryId: string,
    recipient: string,
    kind: string,
  ): Promise<void>;
}

export class DatabaseCalendarStore implements CalendarStore {
  constructor(private readonly db: Knex) {}

  private async recordHistory(
    tx: Knex.Transaction,
    id: string,
    action: CalendarEntryRevision['action'],
    byRef: string | undefined,
    at: Date,
  ) {
    const row: EntryRow = await tx(ENTRIES).where('id', id).first();
    await tx('calendar_entry_history').insert({
      entry_id: id,
      action,
      by_ref: byRef ?? null,
      at,
      entry: JSON.stringify(toEntry(row)),
    });
    return toEntry(row);
  }

  /** Adds the detected entries not seen before; answers the new ones. */
  async addDetected(
    entries: DetectedEntry[],
    now: Date,
  ): Promise<StoredEntry[]> {
    if (entries.length === 0) return [];
    const known = new Set<string>();
    for (let i = 0; i < entries.length; i += 500) {
      const rows: { source_key: string }[] = await this.db(ENTRIES)
        .whereIn(
          'source_key',
          entries.slice(i, i + 500).map(e => e.sourceKey),
        )
        .select('source_key');
      rows.forEach(r => known.add(r.source_key));
    }
    const added: StoredEntry[] = [];
    for (const entry of entries.filter(e => !known.has(e.sourceKey))) {
      await this.db.transaction(async tx => {
        const id = randomUUID();
        const inserted = await tx(ENTRIES)
          .insert({
            id,
            origin: 'detected',
            source_key: entry.sourceKey,
            ...announcementColumns(entry),
            reached_consumer_refs: entry.reachedConsumerRefs
              ? JSON.stringify(entry.reachedConsumerRefs)
              : null,
            sequence: 0,
            created_at: now,
            updated_at: now,
          })
          .onConflict('source_key')
          .ignore()
          .returning('id');
        // Another replica's sync may have added it a moment ago.
        if (inserted.length > 0) {
          added.push(
            await this.recordHistory(tx, id, 'created', undefined, now),
          );
        }
      });
    }
    return added;
  }

  async announce(
    a: CalendarAnnouncement,
    byRef: string,
    now: Date,
  ): Promise<StoredEntry> {
    return this.db.transaction(async tx => {
      const id = randomUUID();
      await tx(ENTRIES).insert({
        id,
        origin: 'announced',
        ...announcementColumns(a),
        sequence: 0,
        created_by: byRef,
        created_at: now,
        updated_at: now,
      });
      return this.recordHistory(tx, id, 'created', byRef, now);
    });
  }

  async update(
    id: string,
    a: CalendarAnnouncement,
    byRef: string,
    now: Date,
  ): Promise<StoredEntry> {
    return this.db.transaction(async tx => {
      const before: EntryRow = await tx(ENTRIES)
        .where('id', id)
        .forUpdate()
        .first();
      if (!before) throw new NotFoundError(`No calendar entry ${id}`);
      // Acknowledgements given for the old date or scope no longer count.
      const reopens = reopensAcknowledgements(toEntry(before), {
        effectiveAt: new Date(a.effectiveAt).toISOString(),
        operations: a.operations,
        changes: a.changes,
      });
      await tx(ENTRIES)
        .where('id', id)
        .update({
          ...announcementColumns(a),
          updated_at: now,
          sequence: tx.raw('sequence + 1'),
          ...(reopens ? { scope_revision: tx.raw('scope_revision + 1') } : {}),
        });
      return this.recordHistory(tx, id, 'updated', byRef, now);
    });
  }

  async cancel(id: string, byRef: string, now: Date): Promise<StoredEntry> {
    return this.db.transaction(async tx => {
      await tx(ENTRIES)
        .where('id', id)
        .update({
          cancelled_at: now,
          updated_at: now,
          sequence: tx.raw('sequence + 1'),
        });
      return this.recordHistory(tx, id, 'cancelled', byRef, now);
    });
  }

  async get(id: string): Promise<StoredEntry | undefined> {
    const row: EntryRow | undefined = await this.db(ENTRIES)
      .where('id', id)
      .first();
    return row && toEntry(row);
  }

  /** Entries, by effective date; of some APIs only when given. */
  async list(
    options: { apiRefs?: string[]; includeCancelled?: boolean } = {},
  ): Promise<StoredEntry[]> {
    const query = this.db(ENTRIES).orderBy([
      { column: 'effective_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    if (options.apiRefs) query.whereIn('api_ref', options.apiRefs);
    if (!options.includeCancelled) query.whereNull('cancelled_at');
    return ((await query) as EntryRow[]).map(toEntry);
  }

  async history(id: string): Promise<CalendarEntryRevision[]> {
    const rows: {
      action: string;
      by_ref: string | null;
      at: unknown;
      entry: string;
    }[] = await this.db('calendar_entry_history')
      .where('entry_id', id)
      .orderBy('id');
    return rows.map(r => ({
      action: r.action as CalendarEntryRevision['action'],
      byRef: optional(r.by_ref),
      at: toIsoString(r.at),
      entry: parseJsonColumn<StoredEntry>(r.entry, {} as StoredEntry),
    }));
  }

  async addAcknowledgement(
    entryId: string,
    consumerRef: string,
    record: AcknowledgementRecord,
    step: number,
  ): Promise<boolean> {
    const inserted = await this.db('calendar_acknowledgements')
      .insert({
        entry_id: entryId,
        consumer_ref: consumerRef,
        action: record.action,
        by_ref: record.byRef,
        at: new Date(record.at),
        note: record.note ?? null,
        scope_revision: record.scopeRevision,
        step,
      })
      .onConflict(['entry_id', 'consumer_ref', 'scope_revision', 'step'])
      .ignore()
      .returning('id');
    return inserted.length > 0;
  }

  /** The acknowledgement trail of each entry and consumer, oldest first. */
  async acknowledgements(
    entryIds: string[],
  ): Promise<Map<string, AcknowledgementRecord[]>> {
    const trail = new Map<string, AcknowledgementRecord[]>();
    for (let i = 0; i < entryIds.length; i += 500) {
      const rows: {
        entry_id: string;
        consumer_ref: string;
        action: string;
        by_ref: string;
        at: unknown;
        note: string | null;
        scope_revision: number;
      }[] = await this.db('calendar_acknowledgements')
        .whereIn('entry_id', entryIds.slice(i, i + 500))
        .orderBy('id');
      for (const row of rows) {
        const key = ackKey(row.entry_id, row.consumer_ref);
        const list = trail.get(key) ?? [];
        list.push({
          action: row.action as AcknowledgementRecord['action'],
          byRef: row.by_ref,
          at: toIsoString(row.at),
          note: optional(row.note),
          scopeRevision: Number(row.scope_revision),
        });
        trail.set(key, list);
      }
    }
    return trail;
  }

  /** Records that a notification went out; false when it had already. */
  async markNotified(
    entryId: string,
    recipient: string,
    kind: string,
    at: Date,
  ): Promise<boolean> {
    const inserted = await this.db('calendar_notifications')
      .insert({ entry_id: entryId, recipient, kind, sent_at: at })
      .onConflict(['entry_id', 'recipient', 'kind'])
      .ignore()
      .returning('entry_id');
    return inserted.length > 0;
  }

  async unmarkNotified(entryId: string, recipient: string, kind: string) {
    await this.db('calendar_notifications')
      .where({ entry_id: entryId, recipient, kind })
      .delete();
  }
}
