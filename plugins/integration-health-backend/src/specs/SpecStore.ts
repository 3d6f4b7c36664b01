import {
  SpecChange,
  SpecVersion,
} from '@integration-health/plugin-integration-health-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { optional, toIsoString } from '../database/rowValues';

/** What the sync last knew about one API's definition. */
export type ApiSpecState = {
  apiRef: string;
  entityEtag?: string;
  currentVersionId?: string;
  currentHash?: string;
};

export type NewSpecVersion = {
  apiRef: string;
  definition: string;
  contentHash: string;
  format?: string;
  versionLabel?: string;
  observedAt: Date;
  source: SpecVersion['source'];
  previousVersionId?: string;
  error?: string;
  changes: SpecChange[];
  /** The catalog entity's etag when the sync saw it; absent for seeds. */
  entityEtag?: string;
};

export type RecordedSpecVersion = {
  /** The API's version with this content. */
  id: string;
  /** False when the API already had a version with this content. */
  recorded: boolean;
};

export type StoredBreakingChange = SpecChange & {
  apiRef: string;
  versionId: string;
  versionLabel?: string;
  observedAt: string;
};

export interface SpecStore {
  getStates(apiRefs: string[]): Promise<Map<string, ApiSpecState>>;
  getDefinition(versionId: string): Promise<string | undefined>;
  /** Whether this API ever had a version with this content. */
  hasVersion(apiRef: string, contentHash: string): Promise<boolean>;
  /**
   * Stores a version with its changes and makes it the API's current one.
   * All or nothing. An API has one version per content: when it already has
   * this content (a concurrent writer recorded it, or the definition went
   * back to it), that version becomes current again and nothing is added.
   */
  recordVersion(version: NewSpecVersion): Promise<RecordedSpecVersion>;
  /** The entity changed but its definition did not. */
  touch(
    apiRef: string,
    entityEtag: string | undefined,
    checkedAt: Date,
  ): Promise<void>;
  /**
   * Records that these APIs are in the catalog at `seenAt`, and marks every
   * other one gone. Their versions and changes are kept.
   */
  markSeen(apiRefs: string[], seenAt: Date): Promise<{ gone: number }>;
  /** APIs the catalog no longer has. */
  listGone(): Promise<string[]>;
  listVersions(apiRef: string): Promise<SpecVersion[]>;
  /** Breaking changes, and changes with a sunset date, of these APIs (or all), newest first. */
  listBreakingChanges(
    apiRefs: string[] | 'all',
    limit: number,
  ): Promise<StoredBreakingChange[]>;
  /**
   * Up to `limit` versions the calendar has not taken in yet, oldest first.
   * Marked ones are never listed again, so paging ends.
   */
  listVersionsNotOnCalendar(limit: number): Promise<string[]>;
  /** Breaking changes, and changes with a sunset date, of these versions. */
  listBreakingChangesOf(versionIds: string[]): Promise<StoredBreakingChange[]>;
  /** Records that the calendar took these versions in. */
  markOnCalendar(versionIds: string[], at: Date): Promise<void>;
  /**
   * A stamp of each API's history that changes when a version is added:
   * how many it has and when the newest was seen. APIs without versions
   * are left out.
   */
  versionStamps(apiRefs: string[]): Promise<Map<string, string>>;
  /** The changes a version brought, or undefined when the API has no such version. */
  listChanges(
    apiRef: string,
    versionId: string,
  ): Promise<SpecChange[] | undefined>;
}

const CHUNK = 500;

type VersionRow = {
  id: string;
  api_ref: string;
  content_hash: string;
  format: string | null;
  version_label: string | null;
  observed_at: unknown;
  source: SpecVersion['source'];
  previous_version_id: string | null;
  error: string | null;
};

function mapToChange(row: any): SpecChange {
  return {
    ruleId: row.rule_id,
    level: row.level,
    location: row.location,
    pointer: row.pointer,
    message: row.message,
    fingerprint: row.fingerprint,
    sunset: optional(row.sunset),
  };
}

function mapToBreakingChange(row: any): StoredBreakingChange {
  return {
    ...mapToChange(row),
    apiRef: row.api_ref,
    versionId: row.version_id,
    versionLabel: optional(row.version_label),
    observedAt: toIsoString(row.observed_at),
  };
}

/** Breaking changes and deprecations with a sunset date, with their version's label and time. */
function breakingChangesQuery(db: Knex) {
  return db('spec_changes as c')
    .join('spec_versions as v', 'v.id', 'c.version_id')
    .where(q => q.where('c.level', 'breaking').orWhereNotNull('c.sunset'))
    .select('c.*', 'v.version_label', 'v.observed_at');
}

export class DatabaseSpecStore implements SpecStore {
  constructor(private readonly db: Knex) {}

  async getStates(apiRefs: string[]): Promise<Map<string, ApiSpecState>> {
    const states = new Map<string, ApiSpecState>();
    for (let i = 0; i < apiRefs.length; i += CHUNK) {
      const rows = await this.db('api_specs').whereIn(
        'api_ref',
        apiRefs.slice(i, i + CHUNK),
      );
      for (const row of rows) {
        states.set(row.api_ref, {
          apiRef: row.api_ref,
          entityEtag: optional(row.entity_etag),
          currentVersionId: optional(row.current_version_id),
          currentHash: optional(row.current_hash),
        });
      }
    }
    return states;
  }

  async getDefinition(versionId: string): Promise<string | undefined> {
    const row = await this.db('spec_versions')
      .where({ id: versionId })
      .first('definition');
    return row?.definition;
  }

  async hasVersion(apiRef: string, contentHash: string): Promise<boolean> {
    const row = await this.db('spec_versions')
      .where({ api_ref: apiRef, content_hash: contentHash })
      .first('id');
    return !!row;
  }

  async recordVersion(version: NewSpecVersion): Promise<RecordedSpecVersion> {
    const newId = randomUUID();
    return this.db.transaction(async tx => {
      // The unique index on (api_ref, content_hash, previous version)
      // settles a race between writers that saw the same current version:
      // the second insert waits for the first to commit and does nothing.
      await tx('spec_versions')
        .insert({
          id: newId,
          api_ref: version.apiRef,
          content_hash: version.contentHash,
          format: version.format ?? null,
          version_label: version.versionLabel ?? null,
          definition: version.definition,
          observed_at: version.observedAt,
          source: version.source,
          previous_version_id: version.previousVersionId ?? null,
          error: version.error ?? null,
        })
        .onConflict()
        .ignore();
      const { id } = await tx('spec_versions')
        .where({ api_ref: version.apiRef, content_hash: version.contentHash })
        .where(q =>
          version.previousVersionId
            ? q.where({ previous_version_id: version.previousVersionId })
            : q.whereNull('previous_version_id'),
        )
        .first('id');
      const recorded = id === newId;
      if (recorded) {
        const rows = version.changes.map(c => ({
          api_ref: version.apiRef,
          version_id: id,
          rule_id: c.ruleId,
          level: c.level,
          location: c.location.slice(0, 1024),
          pointer: c.pointer,
          message: c.message,
          fingerprint: c.fingerprint,
          sunset: c.sunset ?? null,
        }));
        for (let i = 0; i < rows.length; i += CHUNK / 5) {
          await tx('spec_changes').insert(rows.slice(i, i + CHUNK / 5));
        }
      }
      await tx('api_specs')
        .insert({
          api_ref: version.apiRef,
          entity_etag: version.entityEtag ?? null,
          current_version_id: id,
          current_hash: version.contentHash,
          checked_at: version.observedAt,
          gone_at: null,
        })
        .onConflict('api_ref')
        .merge(
          version.entityEtag === undefined
            ? ['current_version_id', 'current_hash', 'checked_at']
            : [
                'entity_etag',
                'current_version_id',
                'current_hash',
                'checked_at',
                'gone_at',
              ],
        );
      return { id, recorded };
    });
  }

  async touch(
    apiRef: string,
    entityEtag: string | undefined,
    checkedAt: Date,
  ): Promise<void> {
    await this.db('api_specs')
      .where({ api_ref: apiRef })
      .update({
        entity_etag: entityEtag ?? null,
        checked_at: checkedAt,
        gone_at: null,
      });
  }

  async markSeen(apiRefs: string[], seenAt: Date): Promise<{ gone: number }> {
    return this.db.transaction(async tx => {
      for (let i = 0; i < apiRefs.length; i += CHUNK) {
        await tx('api_specs')
          .whereIn('api_ref', apiRefs.slice(i, i + CHUNK))
          .update({ seen_at: seenAt, gone_at: null });
      }
      const gone = await tx('api_specs')
        .whereNull('gone_at')
        .andWhere(q => q.whereNull('seen_at').orWhere('seen_at', '<', seenAt))
        .update({ gone_at: seenAt });
      return { gone };
    });
  }

  async listBreakingChanges(
    apiRefs: string[] | 'all',
    limit: number,
  ): Promise<StoredBreakingChange[]> {
    const result: StoredBreakingChange[] = [];
    const chunks =
      apiRefs === 'all'
        ? [undefined]
        : Array.from({ length: Math.ceil(apiRefs.length / CHUNK) }, (_, i) =>
            apiRefs.slice(i * CHUNK, (i + 1) * CHUNK),
          );
    for (const chunk of chunks) {
      const query = breakingChangesQuery(this.db);
      if (chunk) query.whereIn('c.api_ref', chunk);
      const rows = await query.orderBy('v.observed_at', 'desc').limit(limit);
      result.push(...rows.map(mapToBreakingChange));
    }
    return result
      .sort((a, b) => b.observedAt.localeCompare(a.observedAt))
      .slice(0, limit);
  }

  async listVersionsNotOnCalendar(limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db('spec_versions')
      .whereNull('calendar_checked_at')
      .orderBy([
        { column: 'observed_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(limit)
      .select('id');
    return rows.map(r => r.id);
  }

  async listBreakingChangesOf(
    versionIds: string[],
  ): Promise<StoredBreakingChange[]> {
    const result: StoredBreakingChange[] = [];
    for (let i = 0; i < versionIds.length; i += CHUNK) {
      const rows = await breakingChangesQuery(this.db)
        .whereIn('c.version_id', versionIds.slice(i, i + CHUNK))
        .orderBy([
          { column: 'v.observed_at', order: 'desc' },
          { column: 'c.id', order: 'asc' },
        ]);
      result.push(...rows.map(mapToBreakingChange));
    }
    return result;
  }

  async markOnCalendar(versionIds: string[], at: Date): Promise<void> {
    for (let i = 0; i < versionIds.length; i += CHUNK) {
      await this.db('spec_versions')
        .whereIn('id', versionIds.slice(i, i + CHUNK))
        .whereNull('calendar_checked_at')
        .update({ calendar_checked_at: at });
    }
  }

  async versionStamps(apiRefs: string[]): Promise<Map<string, string>> {
    const stamps = new Map<string, string>();
    for (let i = 0; i < apiRefs.length; i += CHUNK) {
      const rows: {
        api_ref: string;
        n: number | string;
        newest: unknown;
      }[] = await this.db('spec_versions')
        .whereIn('api_ref', apiRefs.slice(i, i + CHUNK))
        .groupBy('api_ref')
        .select('api_ref')
        .count({ n: '*' })
        .max({ newest: 'observed_at' });
      for (const row of rows) {
        stamps.set(row.api_ref, `${Number(row.n)} ${toIsoString(row.newest)}`);
      }
    }
    return stamps;
  }

  async listGone(): Promise<string[]> {
    const rows = await this.db('api_specs')
      .whereNotNull('gone_at')
      .orderBy('api_ref');
    return rows.map(r => r.api_ref);
  }

  async listVersions(apiRef: string): Promise<SpecVersion[]> {
    const rows: VersionRow[] = await this.db('spec_versions')
      .where({ api_ref: apiRef })
      .orderBy('observed_at', 'desc')
      .select(
        'id',
        'api_ref',
        'content_hash',
        'format',
        'version_label',
        'observed_at',
        'source',
        'previous_version_id',
        'error',
      );
    const counts: { version_id: string; level: string; n: number | string }[] =
      await this.db('spec_changes')
        .where({ api_ref: apiRef })
        .groupBy('version_id', 'level')
        .select('version_id', 'level')
        .count({ n: '*' });
    return rows.map(row => {
      const summary = { breaking: 0, warning: 0, info: 0 };
      for (const c of counts.filter(n => n.version_id === row.id)) {
        summary[c.level as keyof typeof summary] = Number(c.n);
      }
      return {
        id: row.id,
        apiRef: row.api_ref,
        contentHash: row.content_hash,
        format: optional(row.format),
        versionLabel: optional(row.version_label),
        observedAt: toIsoString(row.observed_at),
        source: row.source,
        previousVersionId: optional(row.previous_version_id),
        error: optional(row.error),
        summary,
      };
    });
  }

  async listChanges(
    apiRef: string,
    versionId: string,
  ): Promise<SpecChange[] | undefined> {
    const version = await this.db('spec_versions')
      .where({ id: versionId, api_ref: apiRef })
      .first('id');
    if (!version) return undefined;
    const rows = await this.db('spec_changes')
      .where({ version_id: versionId })
      .orderBy('id');
    return rows.map(mapToChange);
  }
}
