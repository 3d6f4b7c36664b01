import {
  IncidentEvidence,
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

/** Incidents at integrations; they are edited, never deleted. */
export interface IncidentStore {
  add(
    incident: IncidentInput & { id: string; integrationId: string },
    by: string,
    at: Date,
  ): Promise<StoredIncident>;
  /** Replaces what was recorded; who recorded it first stays. */
  update(
    id: string,
    input: IncidentInput,
    by: string,
    at: Date,
  ): Promise<StoredIncident | undefined>;
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

  /** Replaces what was recorded; who recorded it first stays. */
  async update(
    id: string,
    input: IncidentInput,
    by: string,
    at: Date,
  ): Promise<StoredIncident | undefined> {
    await this.db(TABLE)
      .where({ id })
      .update({ ...toRow(input), updated_by: by, updated_at: at });
    return this.get(id);
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
