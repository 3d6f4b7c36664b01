import {
  AccountableOwnerAssignment,
  Integration,
  IntegrationFinding,
  IntegrationSource,
} from '@integration-health/plugin-integration-health-common';
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { optional, parseJsonColumn, toIsoString } from '../database/rowValues';
import { lockForTransaction } from '../database/transactionLock';

/** An integration as one sync run observed it, before it has a history. */
export type ObservedIntegration = Omit<
  Integration,
  'id' | 'firstSeenAt' | 'lastSeenAt'
>;

export type ReplaceIntegrationsResult = {
  total: number;
  added: number;
  gone: number;
};

export interface IntegrationStore {
  /** The ids of the integrations not gone. */
  activeIds(): Promise<string[]>;
  /**
   * Records the complete set of integrations one sync observed at `seenAt`:
   * new ones are added, known ones updated, and ones no longer observed are
   * marked gone (never deleted). All or nothing.
   */
  replaceIntegrations(
    observed: ObservedIntegration[],
    seenAt: Date,
  ): Promise<ReplaceIntegrationsResult>;

  /**
   * Records the integrations one incremental sync observed for some
   * entities: every integration where one of them is consumer, provider or
   * API. Those given are added or updated; current ones touching the
   * entities but not given are marked gone. Others are left alone.
   */
  replaceIntegrationsTouching(
    entityRefs: string[],
    observed: ObservedIntegration[],
    seenAt: Date,
  ): Promise<ReplaceIntegrationsResult & { changedIds: string[] }>;

  /**
   * Current integrations one step away from the given entities: as consumer
   * (`upstream`: what they depend on) or as provider or API (`downstream`:
   * who depends on them).
   */
  listNeighbours(
    entityRefs: string[],
    direction: 'upstream' | 'downstream',
  ): Promise<Integration[]>;

  /** Current (not gone) integrations where the entity is consumer, provider or API. */
  listForEntity(entityRef: string): Promise<{
    upstream: Integration[];
    downstream: Integration[];
  }>;

  /** Current integrations whose consumer or provider is one of these entities. */
  listTouching(entityRefs: string[]): Promise<Integration[]>;

  /** Current integrations whose consumer or provider is owned by one of these. */
  listByOwners(ownerRefs: string[]): Promise<Integration[]>;

  /** Integrations by id, current or gone; unknown ids are left out. */
  getByIds(ids: string[]): Promise<Integration[]>;

  /**
   * Appends an assignment; the latest one per integration is in force.
   * Clearing when nothing is assigned appends nothing (false), also when
   * two clear at once.
   */
  addOwnerAssignment(
    assignment: Omit<AccountableOwnerAssignment, 'assignedAt'>,
    assignedAt: Date,
  ): Promise<boolean>;

  /** Every assignment of one integration, newest first. */
  listOwnerAssignments(
    integrationId: string,
  ): Promise<AccountableOwnerAssignment[]>;
}

type AssignmentRow = {
  id: number | string;
  integration_id: string;
  owner_ref: string | null;
  assigned_by: string;
  assigned_at: unknown;
  note: string | null;
};

type IntegrationRow = {
  id: string;
  consumer_ref: string;
  provider_ref: string;
  api_ref: string | null;
  kind: string;
  sources: string;
  consumer_owner_ref: string | null;
  provider_owner_ref: string | null;
  accountable_owner_ref: string | null;
  accountable_owner_source: string | null;
  findings: string;
  first_seen_at: unknown;
  last_seen_at: unknown;
  gone_at: unknown;
};

const TABLE = 'integrations';
/** What a sync may change on a known integration. */
const CONTENT_COLUMNS = [
  'kind',
  'sources',
  'consumer_owner_ref',
  'provider_owner_ref',
  'accountable_owner_ref',
  'accountable_owner_source',
  'findings',
] as const;
const ASSIGNMENTS_TABLE = 'accountable_owner_assignments';
// Keeps each statement below SQLite's bound-parameter limit (14 columns a row).
const WRITE_CHUNK_SIZE = 500;

export function integrationId(
  consumerRef: string,
  providerRef: string,
  apiRef?: string,
): string {
  return createHash('sha256')
    .update(`${consumerRef}\n${providerRef}\n${apiRef ?? ''}`)
    .digest('hex');
}

function mapToIntegration(row: IntegrationRow): Integration {
  return {
    id: row.id,
    consumerRef: row.consumer_ref,
    providerRef: row.provider_ref,
    apiRef: optional(row.api_ref),
    kind: row.kind as Integration['kind'],
    sources: parseJsonColumn<IntegrationSource[]>(row.sources, []),
    consumerOwnerRef: optional(row.consumer_owner_ref),
    providerOwnerRef: optional(row.provider_owner_ref),
    accountableOwnerRef: optional(row.accountable_owner_ref),
    accountableOwnerSource: optional(
      row.accountable_owner_source,
    ) as Integration['accountableOwnerSource'],
    findings: parseJsonColumn<IntegrationFinding[]>(row.findings, []),
    firstSeenAt: toIsoString(row.first_seen_at),
    lastSeenAt: toIsoString(row.last_seen_at),
  };
}

function mapToAssignment(row: AssignmentRow): AccountableOwnerAssignment {
  return {
    integrationId: row.integration_id,
    ownerRef: optional(row.owner_ref),
    assignedBy: row.assigned_by,
    assignedAt: toIsoString(row.assigned_at),
    note: optional(row.note),
  };
}

/**
 * An assigned owner replaces what the annotations declared, and with it the
 * findings about the declared owner.
 */
function applyAssignment(
  integration: Integration,
  assignment: AccountableOwnerAssignment | undefined,
): Integration {
  if (!assignment?.ownerRef) {
    return integration;
  }
  return {
    ...integration,
    accountableOwnerRef: assignment.ownerRef,
    accountableOwnerSource: 'assigned',
    accountableOwnerAssignment: assignment,
    findings: integration.findings.filter(
      f => !f.id.startsWith('accountable-owner-'),
    ),
  };
}

function toRow(observed: ObservedIntegration, seenAt: Date) {
  return {
    id: integrationId(
      observed.consumerRef,
      observed.providerRef,
      observed.apiRef,
    ),
    consumer_ref: observed.consumerRef,
    provider_ref: observed.providerRef,
    api_ref: observed.apiRef ?? null,
    kind: observed.kind,
    sources: JSON.stringify(observed.sources),
    consumer_owner_ref: observed.consumerOwnerRef ?? null,
    provider_owner_ref: observed.providerOwnerRef ?? null,
    accountable_owner_ref: observed.accountableOwnerRef ?? null,
    accountable_owner_source: observed.accountableOwnerSource ?? null,
    findings: JSON.stringify(observed.findings),
    first_seen_at: seenAt,
    last_seen_at: seenAt,
    gone_at: null,
  };
}

const sortByRefs = (a: Integration, b: Integration) =>
  a.consumerRef.localeCompare(b.consumerRef) ||
  a.providerRef.localeCompare(b.providerRef) ||
  (a.apiRef ?? '').localeCompare(b.apiRef ?? '');

export class DatabaseIntegrationStore implements IntegrationStore {
  constructor(private readonly db: Knex) {}

  async activeIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.db(TABLE)
      .whereNull('gone_at')
      .select('id');
    return rows.map(r => r.id);
  }

  async replaceIntegrations(
    observed: ObservedIntegration[],
    seenAt: Date,
  ): Promise<ReplaceIntegrationsResult> {
    const rows = observed.map(o => toRow(o, seenAt));
    const ids = new Set(rows.map(r => r.id));
    if (ids.size !== rows.length) {
      throw new Error(
        'replaceIntegrations was given the same integration twice',
      );
    }

    // Only new, changed and revived rows are written, so a sync where little
    // changed writes little; the rest is one statement for last_seen_at.
    return this.db.transaction(async tx => {
      const stored = new Map<string, Record<string, unknown>>();
      for (const row of await tx(TABLE).select([
        'id',
        ...CONTENT_COLUMNS,
        'gone_at',
      ])) {
        stored.set(row.id, row);
      }
      const { added, gone } = await this.writeObserved(
        tx,
        rows,
        stored,
        seenAt,
      );
      await tx(TABLE).whereNull('gone_at').update({ last_seen_at: seenAt });
      return { total: rows.length, added: added.length, gone: gone.length };
    });
  }

  async replaceIntegrationsTouching(
    entityRefs: string[],
    observed: ObservedIntegration[],
    seenAt: Date,
  ) {
    const refs = new Set(entityRefs);
    const rows = observed.map(o => toRow(o, seenAt));
    for (const row of rows) {
      const touches =
        refs.has(row.consumer_ref) ||
        refs.has(row.provider_ref) ||
        (row.api_ref !== null && refs.has(row.api_ref));
      if (!touches) {
        throw new Error(
          `replaceIntegrationsTouching was given ${row.consumer_ref} → ${row.provider_ref}, which touches none of the entities`,
        );
      }
    }
    return this.db.transaction(async tx => {
      const stored = new Map<string, Record<string, unknown>>();
      const ids = rows.map(r => r.id);
      for (let i = 0; i < entityRefs.length; i += WRITE_CHUNK_SIZE) {
        const chunk = entityRefs.slice(i, i + WRITE_CHUNK_SIZE);
        const touching = await tx(TABLE)
          .select(['id', ...CONTENT_COLUMNS, 'gone_at'])
          .whereIn('consumer_ref', chunk)
          .orWhereIn('provider_ref', chunk)
          .orWhereIn('api_ref', chunk);
        for (const row of touching) stored.set(row.id, row);
      }
      for (let i = 0; i < ids.length; i += WRITE_CHUNK_SIZE) {
        const known = await tx(TABLE)
          .select(['id', ...CONTENT_COLUMNS, 'gone_at'])
          .whereIn('id', ids.slice(i, i + WRITE_CHUNK_SIZE));
        for (const row of known) stored.set(row.id, row);
      }
      const { added, written, gone } = await this.writeObserved(
        tx,
        rows,
        stored,
        seenAt,
      );
      for (let i = 0; i < ids.length; i += WRITE_CHUNK_SIZE) {
        await tx(TABLE)
          .whereIn('id', ids.slice(i, i + WRITE_CHUNK_SIZE))
          .update({ last_seen_at: seenAt });
      }
      return {
        total: rows.length,
        added: added.length,
        gone: gone.length,
        changedIds: [...written, ...gone],
      };
    });
  }

  /**
   * Writes the new, changed and revived rows of `rows` and marks gone the
   * current rows of `stored` that are not in `rows`.
   */
  private async writeObserved(
    tx: Knex.Transaction,
    rows: ReturnType<typeof toRow>[],
    stored: Map<string, Record<string, unknown>>,
    seenAt: Date,
  ) {
    const ids = new Set(rows.map(r => r.id));
    const toWrite = rows.filter(row => {
      const before = stored.get(row.id);
      return (
        !before ||
        before.gone_at !== null ||
        CONTENT_COLUMNS.some(column => before[column] !== row[column])
      );
    });
    for (let i = 0; i < toWrite.length; i += WRITE_CHUNK_SIZE) {
      await tx(TABLE)
        .insert(toWrite.slice(i, i + WRITE_CHUNK_SIZE))
        .onConflict('id')
        .merge([...CONTENT_COLUMNS, 'last_seen_at', 'gone_at']);
    }
    const vanished = [...stored]
      .filter(([id, row]) => row.gone_at === null && !ids.has(id))
      .map(([id]) => id);
    for (let i = 0; i < vanished.length; i += WRITE_CHUNK_SIZE) {
      await tx(TABLE)
        .whereIn('id', vanished.slice(i, i + WRITE_CHUNK_SIZE))
        .update({ gone_at: seenAt });
    }
    return {
      added: rows.filter(row => !stored.has(row.id)).map(r => r.id),
      written: toWrite.map(r => r.id),
      gone: vanished,
    };
  }

  async listNeighbours(
    entityRefs: string[],
    direction: 'upstream' | 'downstream',
  ): Promise<Integration[]> {
    const result: Integration[] = [];
    for (let i = 0; i < entityRefs.length; i += WRITE_CHUNK_SIZE) {
      const chunk = entityRefs.slice(i, i + WRITE_CHUNK_SIZE);
      const rows: IntegrationRow[] = await this.db(TABLE)
        .whereNull('gone_at')
        .andWhere(q =>
          direction === 'upstream'
            ? q.whereIn('consumer_ref', chunk)
            : q.whereIn('provider_ref', chunk).orWhereIn('api_ref', chunk),
        );
      result.push(...(await this.withAssignments(rows)));
    }
    return result.sort(sortByRefs);
  }

  async listForEntity(entityRef: string) {
    const rows: IntegrationRow[] = await this.db(TABLE)
      .whereNull('gone_at')
      .andWhere(q =>
        q
          .where('consumer_ref', entityRef)
          .orWhere('provider_ref', entityRef)
          .orWhere('api_ref', entityRef),
      );
    const integrations = (await this.withAssignments(rows)).sort(sortByRefs);
    return {
      upstream: integrations.filter(i => i.consumerRef === entityRef),
      downstream: integrations.filter(
        i => i.providerRef === entityRef || i.apiRef === entityRef,
      ),
    };
  }

  listTouching(entityRefs: string[]) {
    return this.listWhereEither('consumer_ref', 'provider_ref', entityRefs);
  }

  listByOwners(ownerRefs: string[]) {
    return this.listWhereEither(
      'consumer_owner_ref',
      'provider_owner_ref',
      ownerRefs,
    );
  }

  private async listWhereEither(
    column: string,
    otherColumn: string,
    values: string[],
  ): Promise<Integration[]> {
    const rows = new Map<string, IntegrationRow>();
    for (let i = 0; i < values.length; i += WRITE_CHUNK_SIZE) {
      const chunk = values.slice(i, i + WRITE_CHUNK_SIZE);
      const found: IntegrationRow[] = await this.db(TABLE)
        .whereNull('gone_at')
        .andWhere(q => q.whereIn(column, chunk).orWhereIn(otherColumn, chunk));
      found.forEach(row => rows.set(row.id, row));
    }
    return (await this.withAssignments([...rows.values()])).sort(sortByRefs);
  }

  async getByIds(ids: string[]): Promise<Integration[]> {
    const result: Integration[] = [];
    for (let i = 0; i < ids.length; i += WRITE_CHUNK_SIZE) {
      const rows: IntegrationRow[] = await this.db(TABLE).whereIn(
        'id',
        ids.slice(i, i + WRITE_CHUNK_SIZE),
      );
      result.push(...(await this.withAssignments(rows)));
    }
    return result;
  }

  async addOwnerAssignment(
    assignment: Omit<AccountableOwnerAssignment, 'assignedAt'>,
    assignedAt: Date,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      // Whether a clear changes anything depends on the latest assignment,
      // so assignments of one integration are written one at a time.
      await lockForTransaction(tx, `owner:${assignment.integrationId}`);
      if (!assignment.ownerRef) {
        const latest: Pick<AssignmentRow, 'owner_ref'> | undefined = await tx(
          ASSIGNMENTS_TABLE,
        )
          .where('integration_id', assignment.integrationId)
          .orderBy('id', 'desc')
          .first('owner_ref');
        if (!latest?.owner_ref) return false;
      }
      await tx(ASSIGNMENTS_TABLE).insert({
        integration_id: assignment.integrationId,
        owner_ref: assignment.ownerRef ?? null,
        assigned_by: assignment.assignedBy,
        assigned_at: assignedAt,
        note: assignment.note ?? null,
      });
      return true;
    });
  }

  async listOwnerAssignments(
    id: string,
  ): Promise<AccountableOwnerAssignment[]> {
    const rows: AssignmentRow[] = await this.db(ASSIGNMENTS_TABLE)
      .where('integration_id', id)
      .orderBy('id', 'desc');
    return rows.map(mapToAssignment);
  }

  private async withAssignments(
    rows: IntegrationRow[],
  ): Promise<Integration[]> {
    if (rows.length === 0) {
      return [];
    }
    const latest = new Map<string, AccountableOwnerAssignment>();
    // In chunks: a whole organisation's integrations are more ids than
    // PostgreSQL (65,535) or SQLite (32,766) bind in one statement.
    for (let i = 0; i < rows.length; i += WRITE_CHUNK_SIZE) {
      const assignmentRows: AssignmentRow[] = await this.db(ASSIGNMENTS_TABLE)
        .whereIn(
          'integration_id',
          rows.slice(i, i + WRITE_CHUNK_SIZE).map(r => r.id),
        )
        .orderBy('id', 'asc');
      for (const assignment of assignmentRows) {
        latest.set(assignment.integration_id, mapToAssignment(assignment));
      }
    }
    return rows.map(row =>
      applyAssignment(mapToIntegration(row), latest.get(row.id)),
    );
  }
}
