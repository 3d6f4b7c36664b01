import {
  IncidentEdit,
  IncidentEvidence,
  IncidentFieldChange,
  IncidentImpact,
  IncidentInput,
  IncidentTrigger,
} from '@integration-health/plugin-integration-health-common';
import { Knex } from 'knex';
import {
  parseJsonColumn,
  toIsoString,
  toOptionalIsoString,
} from '../database/rowValues';

/** An incident as stored: what was recorded, by whom and when. */
export type StoredIncident = IncidentInput & {
  id: string;
  integrationId: string;
  recordedBy: string;
  recordedAt: string;
  updatedBy: string;
  updatedAt: string;
};

type IncidentRow = {
  id: string;
  integration_id: string;
  title: string;
  occurred_at: unknown;
  resolved_at: unknown;
  impact: string;
  trigger: string | null;
  out_of_sync: string | null;
  postmortem_urls: string;
  recorded_by: string;
  recorded_at: unknown;
  updated_by: string;
  updated_at: unknown;
};

const TABLE = 'integration_incidents';
const EDITS = 'incident_edits';
const CHUNK = 500;

const toRow = (input: IncidentInput) => ({
  title: input.title,
  occurred_at: new Date(input.occurredAt),
  resolved_at: input.resolvedAt ? new Date(input.resolvedAt) : null,
  impact: JSON.stringify(input.impact),
  trigger: input.trigger ? JSON.stringify(input.trigger) : null,
  out_of_sync: input.outOfSync ? JSON.stringify(input.outOfSync) : null,
  postmortem_urls: JSON.stringify(input.postmortemUrls),
});

function fromRow(row: IncidentRow): StoredIncident {
  return {
    id: row.id,
    integrationId: row.integration_id,
    title: row.title,
    occurredAt: toIsoString(row.occurred_at),
    resolvedAt: toOptionalIsoString(row.resolved_at),
    impact: parseJsonColumn<IncidentImpact>(row.impact, {}),
    trigger: parseJsonColumn<IncidentTrigger | undefined>(
      row.trigger,
      undefined,
    ),
    outOfSync: parseJsonColumn<IncidentEvidence | undefined>(
      row.out_of_sync,
      undefined,
    ),
    postmortemUrls: parseJsonColumn<string[]>(row.postmortem_urls, []),
    recordedBy: row.recorded_by,
    recordedAt: toIsoString(row.recorded_at),
    updatedBy: row.updated_by,
    updatedAt: toIsoString(row.updated_at),
  };
}

const FIELDS: (keyof IncidentInput)[] = [
  'title',
  'occurredAt',
  'resolvedAt',
  'impact',
  'trigger',
  'outOfSync',
  'postmortemUrls',
];

// Compared as stored: key order and absent-versus-undefined do not count.
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  ) ?? 'null';

/** The fields an edit changes, each with its value before and after. */
function changedFields(
  before: IncidentInput,
  after: IncidentInput,
): IncidentFieldChange[] {
  return FIELDS.filter(
    field => canonical(before[field]) !== canonical(after[field]),
  ).map(
    field =>
      ({
        field,
        before: before[field],
        after: after[field],
      } as IncidentFieldChange),
  );
}

/** Incidents at integrations; they are edited, never deleted. */
export interface IncidentStore {
  add(
    incident: IncidentInput & { id: string; integrationId: string },
    by: string,
    at: Date,
  ): Promise<StoredIncident>;
  /**
   * Replaces what was recorded, and keeps the edit (who, when, each field
   * before and after) in the same transaction; who recorded it first stays.
   * An edit that changes nothing is not recorded.
   */
  update(
    id: string,
    input: IncidentInput,
    by: string,
    at: Date,
  ): Promise<StoredIncident | undefined>;
  /** The edits of an incident, oldest first. */
  edits(id: string): Promise<IncidentEdit[]>;
  /** How many edits each of these incidents has had. */
  editCounts(ids: string[]): Promise<Map<string, number>>;
  get(id: string): Promise<StoredIncident | undefined>;
  /** The incidents of these integrations, newest first. */
  listForIntegrations(ids: string[]): Promise<StoredIncident[]>;
  /** Every incident that began at or after `since`, newest first. */
  listSince(since: Date): Promise<StoredIncident[]>;
}

export class DatabaseIncidentStore implements IncidentStore {
  constructor(private readonly db: Knex) {}

  async add(
    incident: IncidentInput & { id: string; integrationId: string },
    by: string,
    at: Date,
  ): Promise<StoredIncident> {
    await this.db(TABLE).insert({
      id: incident.id,
      integration_id: incident.integrationId,
      ...toRow(incident),
      recorded_by: by,
      recorded_at: at,
      updated_by: by,
      updated_at: at,
    });
    return (await this.get(incident.id))!;
  }

  async update(
    id: string,
    input: IncidentInput,
    by: string,
    at: Date,
  ): Promise<StoredIncident | undefined> {
    return this.db.transaction(async tx => {
      const row: IncidentRow | undefined = await tx(TABLE)
        .where({ id })
        .forUpdate()
        .first();
      if (!row) return undefined;
      const before = fromRow(row);
      const changes = changedFields(before, {
        ...input,
        occurredAt: new Date(input.occurredAt).toISOString(),
        resolvedAt: input.resolvedAt
          ? new Date(input.resolvedAt).toISOString()
          : undefined,
      });
      if (changes.length === 0) return before;
      await tx(TABLE)
        .where({ id })
        .update({ ...toRow(input), updated_by: by, updated_at: at });
      await tx(EDITS).insert({
        incident_id: id,
        edited_by: by,
        edited_at: at,
        changes: JSON.stringify(changes),
      });
      return fromRow(await tx(TABLE).where({ id }).first());
    });
  }

  async edits(id: string): Promise<IncidentEdit[]> {
    const rows: {
      edited_by: string;
      edited_at: unknown;
      changes: string;
    }[] = await this.db(EDITS).where({ incident_id: id }).orderBy('id');
    return rows.map(r => ({
      editedBy: r.edited_by,
      editedAt: toIsoString(r.edited_at),
      changes: parseJsonColumn<IncidentFieldChange[]>(r.changes, []),
    }));
  }

  async editCounts(ids: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows: { incident_id: string; count: number | string }[] =
        await this.db(EDITS)
          .whereIn('incident_id', ids.slice(i, i + CHUNK))
          .groupBy('incident_id')
          .select('incident_id')
          .count({ count: '*' });
      for (const r of rows) counts.set(r.incident_id, Number(r.count));
    }
    return counts;
  }

  async get(id: string): Promise<StoredIncident | undefined> {
    const row: IncidentRow | undefined = await this.db(TABLE)
      .where({ id })
      .first();
    return row && fromRow(row);
  }

  /** The incidents of these integrations, newest first. */
  async listForIntegrations(ids: string[]): Promise<StoredIncident[]> {
    const result: StoredIncident[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows: IncidentRow[] = await this.db(TABLE).whereIn(
        'integration_id',
        ids.slice(i, i + CHUNK),
      );
      result.push(...rows.map(fromRow));
    }
    return result.sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  }

  /** Every incident that began at or after `since`, newest first. */
  async listSince(since: Date): Promise<StoredIncident[]> {
    const rows: IncidentRow[] = await this.db(TABLE)
      .where('occurred_at', '>=', since)
      .orderBy('occurred_at', 'desc');
    return rows.map(fromRow);
  }
}
