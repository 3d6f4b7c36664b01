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
import {
  contentSignature,
  KnownIntegrations,
  lastSeenAt,
  readSyncState,
  StoredIntegrations,
  SYNC_STATE_TABLE,
  writeSyncState,
} from './integrationSyncState';

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

  /** The integrations whose latest assignment names an owner. */
  assignedOwnerIds(): Promise<Set<string>>;

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
  /** From the sync state, when selected with the row. */
  active_seen_at?: unknown;
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

const knownIds = new WeakMap<object, string>();

/**
 * The id of an integration a sync built, hashed once per object: a run asks
 * for the ids of all its integrations in several steps. The object's refs
 * must not change afterwards (a sync's integrations never do).
 */
export function idOfIntegration(integration: {
  consumerRef: string;
  providerRef: string;
  apiRef?: string;
}): string {
  let id = knownIds.get(integration);
  if (id === undefined) {
    id = integrationId(
      integration.consumerRef,
      integration.providerRef,
      integration.apiRef,
    );
    knownIds.set(integration, id);
  }
  return id;
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
    lastSeenAt: toIsoString(lastSeenAt(row) ?? row.last_seen_at),
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
    id: idOfIntegration(observed),
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

const STORED_COLUMNS = ['id', ...CONTENT_COLUMNS, 'gone_at'];

/** What one write did: rows added, rows written with their new content, rows marked gone. */
type Written = {
  added: string[];
  written: { id: string; signature: string }[];
  gone: string[];
};

const moved = (w: Written) => w.written.length + w.gone.length > 0;

/** Stored rows as writes compare them. */
async function readStored(
  query: Knex.QueryBuilder,
): Promise<StoredIntegrations> {
  const stored: StoredIntegrations = new Map();
  for (const row of await query) {
    stored.set(row.id, {
      signature: contentSignature(row, CONTENT_COLUMNS),
      gone: row.gone_at !== null && row.gone_at !== undefined,
    });
  }
  return stored;
}

/** `stored` as it is after a write (changed in place). */
function applyWritten(
  stored: StoredIntegrations,
  written: Written,
): StoredIntegrations {
  for (const { id, signature } of written.written) {
    stored.set(id, { signature, gone: false });
  }
  for (const id of written.gone) {
    const row = stored.get(id);
    if (row) stored.set(id, { ...row, gone: true });
  }
  return stored;
}

const sortByRefs = (a: Integration, b: Integration) =>
  a.consumerRef.localeCompare(b.consumerRef) ||
  a.providerRef.localeCompare(b.providerRef) ||
  (a.apiRef ?? '').localeCompare(b.apiRef ?? '');

export class DatabaseIntegrationStore implements IntegrationStore {
  /** The table as this process last read or wrote it, and its revision then. */
  private known: KnownIntegrations | undefined;

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

    // Only new, changed and revived rows are written, so a sync where
    // nothing changed writes no integration row: when the full sync saw them
    // all is one value in the state row. The rows are compared with what
    // this process knows of the table when no one wrote it since (the
    // revision says), else read again.
    const known = this.known;
    const result = await this.db.transaction(async tx => {
      const state = await readSyncState(tx, { forUpdate: true });
      const stored =
        known?.revision === state.revision
          ? known.rows
          : await readStored(tx(TABLE).select(STORED_COLUMNS));
      const written = await this.writeObserved(
        tx,
        rows,
        stored,
        seenAt,
        state.activeSeenAt,
      );
      const revision = moved(written) ? state.revision + 1 : state.revision;
      await writeSyncState(tx, { revision, activeSeenAt: seenAt });
      return { stored, written, revision };
    });
    this.known = {
      revision: result.revision,
      rows: applyWritten(result.stored, result.written),
    };
    return {
      total: rows.length,
      added: result.written.added.length,
      gone: result.written.gone.length,
    };
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
    const known = this.known;
    const result = await this.db.transaction(async tx => {
      const state = await readSyncState(tx, { forUpdate: true });
      const stored: StoredIntegrations = new Map();
      const ids = rows.map(r => r.id);
      for (let i = 0; i < entityRefs.length; i += WRITE_CHUNK_SIZE) {
        const chunk = entityRefs.slice(i, i + WRITE_CHUNK_SIZE);
        const touching = await readStored(
          tx(TABLE)
            .select(STORED_COLUMNS)
            .whereIn('consumer_ref', chunk)
            .orWhereIn('provider_ref', chunk)
            .orWhereIn('api_ref', chunk),
        );
        for (const [id, row] of touching) stored.set(id, row);
      }
      for (let i = 0; i < ids.length; i += WRITE_CHUNK_SIZE) {
        const found = await readStored(
          tx(TABLE)
            .select(STORED_COLUMNS)
            .whereIn('id', ids.slice(i, i + WRITE_CHUNK_SIZE)),
        );
        for (const [id, row] of found) stored.set(id, row);
      }
      const written = await this.writeObserved(
        tx,
        rows,
        stored,
        seenAt,
        state.activeSeenAt,
      );
      for (let i = 0; i < ids.length; i += WRITE_CHUNK_SIZE) {
        await tx(TABLE)
          .whereIn('id', ids.slice(i, i + WRITE_CHUNK_SIZE))
          .update({ last_seen_at: seenAt });
      }
      const revision = moved(written) ? state.revision + 1 : state.revision;
      if (revision !== state.revision) {
        await writeSyncState(tx, { ...state, revision });
      }
      return { written, before: state.revision, revision };
    });
    // What this process knows of the table stays true when it was current.
    this.known =
      known?.revision === result.before
        ? {
            revision: result.revision,
            rows: applyWritten(known.rows, result.written),
          }
        : undefined;
    const { added, written, gone } = result.written;
    return {
      total: rows.length,
      added: added.length,
      gone: gone.length,
      changedIds: [...written.map(w => w.id), ...gone],
    };
  }

  /**
   * Writes the new, changed and revived rows of `rows` and marks gone the
   * current rows of `stored` that are not in `rows`; those were last seen
   * by the last full sync, unless written later.
   */
  private async writeObserved(
    tx: Knex.Transaction,
    rows: ReturnType<typeof toRow>[],
    stored: StoredIntegrations,
    seenAt: Date,
    activeSeenAt: Date | undefined,
  ): Promise<Written> {
    const ids = new Set(rows.map(r => r.id));
    const toWrite = rows
      .map(row => ({
        row,
        signature: contentSignature(row, CONTENT_COLUMNS),
      }))
      .filter(({ row, signature }) => {
        const before = stored.get(row.id);
        return !before || before.gone || before.signature !== signature;
      });
    for (let i = 0; i < toWrite.length; i += WRITE_CHUNK_SIZE) {
      await tx(TABLE)
        .insert(toWrite.slice(i, i + WRITE_CHUNK_SIZE).map(w => w.row))
        .onConflict('id')
        .merge([...CONTENT_COLUMNS, 'last_seen_at', 'gone_at']);
    }
    const vanished = [...stored]
      .filter(([id, row]) => !row.gone && !ids.has(id))
      .map(([id]) => id);
    for (let i = 0; i < vanished.length; i += WRITE_CHUNK_SIZE) {
      const chunk = vanished.slice(i, i + WRITE_CHUNK_SIZE);
      await tx(TABLE).whereIn('id', chunk).update({ gone_at: seenAt });
      if (activeSeenAt) {
        await tx(TABLE)
          .whereIn('id', chunk)
          .andWhere('last_seen_at', '<', activeSeenAt)
          .update({ last_seen_at: activeSeenAt });
      }
    }
    return {
      added: rows.filter(row => !stored.has(row.id)).map(r => r.id),
      written: toWrite.map(w => ({ id: w.row.id, signature: w.signature })),
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
      const rows: IntegrationRow[] = await this.rows()
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
    const rows: IntegrationRow[] = await this.rows()
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
      const found: IntegrationRow[] = await this.rows()
        .whereNull('gone_at')
        .andWhere(q => q.whereIn(column, chunk).orWhereIn(otherColumn, chunk));
      found.forEach(row => rows.set(row.id, row));
    }
    return (await this.withAssignments([...rows.values()])).sort(sortByRefs);
  }

  async getByIds(ids: string[]): Promise<Integration[]> {
    const result: Integration[] = [];
    for (let i = 0; i < ids.length; i += WRITE_CHUNK_SIZE) {
      const rows: IntegrationRow[] = await this.rows().whereIn(
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

  async assignedOwnerIds(): Promise<Set<string>> {
    const rows: Pick<AssignmentRow, 'integration_id' | 'owner_ref'>[] =
      await this.db(ASSIGNMENTS_TABLE)
        .orderBy('id', 'asc')
        .select('integration_id', 'owner_ref');
    const latest = new Map(rows.map(r => [r.integration_id, r.owner_ref]));
    return new Set([...latest].filter(([, owner]) => owner).map(([id]) => id));
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

  /**
   * Integration rows, each with when the full sync last saw every current
   * integration (for lastSeenAt), in one query.
   */
  private rows() {
    return this.db(TABLE).select(
      `${TABLE}.*`,
      this.db(SYNC_STATE_TABLE)
        .where('id', 1)
        .select('active_seen_at')
        .as('active_seen_at'),
    );
  }
}
