import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  DryRunResult,
  MigrationInput,
} from '@integration-health/migration-check';
import {
  MigrationCheckResult,
  ResourceSchema,
  schemaMigrationsPushPermission,
  SyncRunEntityError,
} from '@integration-health/plugin-integration-health-common';
import { MigrationHistorySeed } from '@integration-health/plugin-integration-health-node';
import { createHash } from 'node:crypto';
import { CalendarService } from '../calendar/CalendarService';
import { SchemasConfig } from '../config';
import { CatalogVisibility } from '../integrations/CatalogVisibility';
import { IntegrationStore } from '../integrations/IntegrationStore';
import { SpecWorkerPool } from '../specs/worker/SpecWorkerPool';
import { consumerImpact, SchemaConsumerSide } from './consumerImpact';
import { SchemaLocations } from './readSchemaLocations';
import {
  EMPTY_SUMMARY,
  SchemaStore,
  StoredMigration,
  StoredQuery,
} from './SchemaStore';

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * Database migrations as changes to an integration: each database
 * resource's history read from its annotation (or pushed from CI) and
 * classified; a migration with breaking changes that lands goes on the
 * calendar, reaching the consumers whose declared queries its dry run on
 * an embedded PostgreSQL breaks; and the CI check of a candidate.
 */
export class SchemaHistoryService {
  private readonly visibility: CatalogVisibility;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      locations: SchemaLocations;
      store: SchemaStore;
      integrationStore: IntegrationStore;
      calendar: Pick<CalendarService, 'addDetectedEntry' | 'get'>;
      pool: Pick<SpecWorkerPool, 'classifyMigrations' | 'dryRunMigration'>;
      permissions: PermissionsService;
      config: SchemasConfig;
      logger: LoggerService;
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
  }

  /**
   * The sync's step: every consumer's declared queries, then every
   * resource's migrations. A location that cannot be read keeps what was
   * read before, and is reported on the run.
   */
  async syncFromCatalog(now: Date): Promise<{
    migrationsAdded: number;
    entriesAdded: number;
    errors: SyncRunEntityError[];
  }> {
    const { locations, store } = this.options;
    const signal = new AbortController().signal;
    const errors: SyncRunEntityError[] = [];
    let resources: Awaited<ReturnType<SchemaLocations['migrations']>>;
    let consumers: Awaited<ReturnType<SchemaLocations['queries']>>;
    try {
      resources = await locations.migrations(signal);
      consumers = await locations.queries(
        new Set(resources.map(r => r.entityRef)),
        signal,
      );
    } catch (error) {
      const message = `Migrations and queries could not be listed: ${
        (error as Error).message
      }`;
      this.options.logger.warn(message);
      return {
        migrationsAdded: 0,
        entriesAdded: 0,
        errors: [
          { entityRef: 'schemas', code: 'migrations-unreadable', message },
        ],
      };
    }
    for (const consumer of consumers) {
      if (consumer.error) {
        errors.push({
          entityRef: consumer.entityRef,
          code: 'db-queries-unreadable',
          message: `Its database queries could not be read: ${consumer.error}; the earlier ones are kept`,
        });
        continue;
      }
      await store.replaceQueries(
        consumer.entityRef,
        consumer.files.flatMap((file, i) =>
          consumer.resourceRefs[i].map(resourceRef => ({
            resourceRef,
            name: file.name,
            sql: file.text,
          })),
        ),
      );
    }
    await store.removeQueriesExcept(consumers.map(c => c.entityRef));

    let migrationsAdded = 0;
    let entriesAdded = 0;
    for (const resource of resources) {
      if (resource.error) {
        await store.recordRead(resource.entityRef, now, resource.error);
        errors.push({
          entityRef: resource.entityRef,
          code: 'migrations-unreadable',
          message: `Its migrations could not be read: ${resource.error}; the earlier ones are kept`,
        });
        continue;
      }
      try {
        const recorded = await this.record(
          resource.entityRef,
          resource.files.map(f => ({ id: f.name, sql: f.text })),
          'catalog',
          now,
        );
        migrationsAdded += recorded.added;
        entriesAdded += recorded.entries;
        await store.recordRead(
          resource.entityRef,
          now,
          recorded.conflicts.join('; ') || undefined,
        );
      } catch (error) {
        const message = (error as Error).message;
        this.options.logger.warn(
          `Migrations of ${resource.entityRef}: ${message}`,
        );
        errors.push({
          entityRef: resource.entityRef,
          code: 'migrations-unreadable',
          message: `Its migrations could not be checked: ${message}`,
        });
      }
    }
    return { migrationsAdded, entriesAdded, errors };
  }

  /**
   * History recorded before the plugin first read a resource's migrations
   * (a deployment log, a demo), marked `recorded`: for resources with no
   * history yet, so it goes on no calendar while what is read after it does.
   */
  async recordSeeds(seeds: MigrationHistorySeed[]): Promise<number> {
    let recorded = 0;
    for (const seed of seeds) {
      if ((await this.options.store.listMigrations(seed.resourceRef)).length)
        continue;
      const ordered = [...seed.migrations].sort(
        (a, b) => a.appliedAt.getTime() - b.appliedAt.getTime(),
      );
      const result = await this.record(
        seed.resourceRef,
        ordered.map(m => ({ id: m.id, sql: m.sql, seenAt: m.appliedAt })),
        'recorded',
        ordered.at(-1)?.appliedAt ?? new Date(),
      );
      await this.options.store.recordRead(
        seed.resourceRef,
        ordered.at(-1)?.appliedAt ?? new Date(),
      );
      recorded += result.added;
    }
    return recorded;
  }

  /**
   * Migrations pushed by the pipeline that ships them, recorded like those
   * read from the catalog, once the permission framework allows it.
   */
  async push(
    resourceRef: string,
    migrations: MigrationInput[],
    credentials: BackstageCredentials,
    now: Date,
  ): Promise<{ added: number; entries: number; conflicts: string[] }> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission: schemaMigrationsPushPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Not allowed to push migrations');
    }
    await this.assertResource(resourceRef, credentials);
    return this.record(resourceRef, migrations, 'pushed', now);
  }

  /**
   * Appends the migrations not recorded yet, classified against those
   * before them. A recorded migration whose SQL changed is reported, and
   * the recorded one kept. On a resource's first read the history is
   * recorded as it is; after that, each new migration with breaking
   * changes goes on the calendar.
   */
  private async record(
    resourceRef: string,
    migrations: (MigrationInput & { seenAt?: Date })[],
    origin: 'catalog' | 'pushed' | 'recorded',
    now: Date,
  ): Promise<{ added: number; entries: number; conflicts: string[] }> {
    const { store, pool } = this.options;
    const stored = await store.listMigrations(resourceRef);
    const byId = new Map(stored.map(m => [m.id, m]));
    const conflicts: string[] = [];
    const fresh = new Map<
      string,
      MigrationInput & { sqlHash: string; seenAt?: Date }
    >();
    for (const migration of migrations) {
      const sqlHash = sha256(migration.sql);
      const was = byId.get(migration.id);
      if (was && was.sqlHash !== sqlHash) {
        conflicts.push(
          `${migration.id} changed after it was recorded; the recorded one is kept`,
        );
      } else if (!was && !fresh.has(migration.id)) {
        fresh.set(migration.id, { ...migration, sqlHash });
      }
    }
    if (fresh.size === 0) return { added: 0, entries: 0, conflicts };
    const firstRead =
      stored.length === 0 && !(await store.lastRead(resourceRef));
    const readable = stored.filter(m => !m.error);
    const classified = await pool.classifyMigrations(
      [...readable, ...fresh.values()].map(({ id, sql }) => ({ id, sql })),
    );
    const resultOf = new Map(classified.map(c => [c.migrationId, c]));
    const appended = await store.appendMigrations(
      resourceRef,
      [...fresh.values()].map(m => {
        const result = resultOf.get(m.id);
        return {
          id: m.id,
          sql: m.sql,
          sqlHash: m.sqlHash,
          origin,
          firstSeenAt: (m.seenAt ?? now).toISOString(),
          findings: result?.classification?.findings ?? [],
          summary: result?.classification?.summary ?? EMPTY_SUMMARY,
          ...(result?.error ? { error: result.error.message } : {}),
        };
      }),
    );
    let entries = 0;
    if (!firstRead && origin !== 'recorded') {
      const history = [...readable];
      for (const migration of appended) {
        if (!migration.error && migration.summary.breaking > 0) {
          entries += (await this.fileOnCalendar(
            resourceRef,
            history,
            migration,
            now,
          ))
            ? 1
            : 0;
        }
        if (!migration.error) history.push(migration);
      }
    }
    return { added: appended.length, entries, conflicts };
  }

  /** Puts a landed migration's breaking changes on the calendar, for the consumers it reaches. */
  private async fileOnCalendar(
    resourceRef: string,
    history: StoredMigration[],
    migration: StoredMigration,
    now: Date,
  ): Promise<boolean> {
    // A dry run that cannot run (its worker over a limit, the pool full)
    // rules out no consumer: the entry then reaches every one of them.
    const queries = await this.options.store.queriesOf(resourceRef);
    const dryRun: DryRunResult = await this.dryRun(
      queries,
      history,
      migration,
    ).catch(error => {
      this.options.logger.warn(
        `Dry run of ${resourceRef} ${migration.id} did not run: ${
          (error as Error).message
        }; its calendar entry reaches every consumer`,
      );
      return {
        status: 'timeout',
        message: (error as Error).message,
        queries: [],
        durationMs: 0,
      };
    });
    const impact = consumerImpact(
      await this.consumersOf(resourceRef),
      queries,
      dryRun,
      true,
    );
    const { name } = parseEntityRef(resourceRef);
    const entryId = await this.options.calendar.addDetectedEntry(
      {
        sourceKey: `migration|${resourceRef}|${migration.id}|`,
        apiRef: resourceRef,
        title: `${name} ${migration.id}: ${plural(
          migration.summary.breaking,
          'breaking change',
        )}`,
        changes: migration.findings
          .filter(f => f.level !== 'info')
          .map(f => ({
            ruleId: f.ruleId,
            level: f.level,
            location: `${migration.id}:${f.line} ${f.object}`,
            message: f.message,
            fingerprint: f.fingerprint,
          })),
        effectiveAt: now.toISOString(),
        reachedConsumerRefs: impact
          .filter(c => c.reached)
          .map(c => c.consumerRef),
      },
      now,
    );
    if (!entryId) return false;
    await this.options.store.setCalendarEntry(
      resourceRef,
      migration.id,
      entryId,
    );
    return true;
  }

  /**
   * The CI check of a candidate migration: classified against the history
   * before it (the whole history, or the part before it when it is
   * recorded already), dry-run against every consumer's declared queries,
   * with each reached consumer's acknowledgement on the migration's
   * calendar entry. SQL that does not parse is an InputError with its line.
   */
  async check(
    resourceRef: string,
    candidate: MigrationInput,
    credentials: BackstageCredentials,
    now = new Date(),
  ): Promise<MigrationCheckResult> {
    const { store, pool, calendar } = this.options;
    await this.assertResource(resourceRef, credentials);
    const stored = await store.listMigrations(resourceRef);
    const existing = stored.find(m => m.id === candidate.id);
    const history = stored.filter(
      m => !m.error && (!existing || m.position < existing.position),
    );
    const classified = (
      await pool.classifyMigrations([...history, candidate])
    ).at(-1)!;
    if (classified.error || !classified.classification) {
      throw new InputError(
        `The migration could not be read: ${
          classified.error?.message ?? 'no classification'
        }`,
      );
    }
    const { findings, summary } = classified.classification;
    const queries = await store.queriesOf(resourceRef);
    const dryRun = await this.dryRun(queries, history, candidate);
    const consumers = await this.consumersOf(resourceRef, credentials);
    const impact = consumerImpact(
      consumers,
      queries,
      dryRun,
      summary.breaking > 0,
    );
    const entry = existing?.calendarEntryId
      ? await calendar
          .get(existing.calendarEntryId, credentials)
          .catch(() => undefined)
      : undefined;
    const withStates = impact.map(c => {
      const state = entry?.consumers.find(
        x => x.consumerRef === c.consumerRef,
      )?.state;
      return state ? { ...c, state } : c;
    });
    const unacknowledged = withStates.filter(
      c => c.reached && c.state !== 'acknowledged',
    ).length;
    const result: MigrationCheckResult = {
      resourceRef,
      migrationId: candidate.id,
      checkedAt: now.toISOString(),
      historyLength: history.length,
      findings,
      summary,
      dryRun: {
        status: dryRun.status,
        ...(dryRun.message ? { message: dryRun.message } : {}),
        ...(dryRun.failure
          ? {
              failure: {
                migrationId: dryRun.failure.migrationId,
                ...(dryRun.failure.line !== undefined
                  ? { line: dryRun.failure.line }
                  : {}),
                error: {
                  message: dryRun.failure.error.message,
                  ...(dryRun.failure.error.code
                    ? { code: dryRun.failure.error.code }
                    : {}),
                },
              },
            }
          : {}),
        durationMs: Math.round(dryRun.durationMs),
      },
      consumers: withStates,
      ...(entry ? { calendarEntryId: entry.id } : {}),
      unacknowledged,
      passed: dryRun.status === 'completed' && unacknowledged === 0,
    };
    await store.saveCheck(result);
    return result;
  }

  /** A resource's schema history and its consumers' queries, as the caller may see them. */
  async forResource(
    resourceRef: string,
    credentials: BackstageCredentials,
  ): Promise<ResourceSchema> {
    const { store } = this.options;
    await this.visibility.assertVisible(resourceRef, credentials);
    const [migrations, queries, latestCheck, lastRead, consumers] =
      await Promise.all([
        store.listMigrations(resourceRef),
        store.queriesOf(resourceRef),
        store.latestCheck(resourceRef),
        store.lastRead(resourceRef),
        this.consumersOf(resourceRef, credentials),
      ]);
    const visible = new Set(consumers.map(c => c.consumerRef));
    return {
      resourceRef,
      migrations: migrations.map(({ sql, sqlHash, ...m }) => m),
      consumers: consumers.map(c => ({
        ...c,
        queries: queries
          .filter(q => q.consumerRef === c.consumerRef)
          .map(({ name, sql }) => ({ name, sql })),
      })),
      ...(latestCheck
        ? {
            latestCheck: {
              ...latestCheck,
              consumers: latestCheck.consumers.filter(c =>
                visible.has(c.consumerRef),
              ),
            },
          }
        : {}),
      ...(lastRead?.error ? { sourceError: lastRead.error } : {}),
    };
  }

  private async assertResource(
    resourceRef: string,
    credentials: BackstageCredentials,
  ) {
    if (
      parseEntityRef(resourceRef).kind.toLocaleLowerCase('en-US') !== 'resource'
    ) {
      throw new InputError(`${resourceRef} is not a resource`);
    }
    await this.visibility.assertVisible(resourceRef, credentials);
  }

  /** The resource's consumers (those that depend on it), one per consumer; visible ones when asked for a caller. */
  private async consumersOf(
    resourceRef: string,
    credentials?: BackstageCredentials,
  ): Promise<(SchemaConsumerSide & { integrationId: string })[]> {
    const { downstream } = await this.options.integrationStore.listForEntity(
      resourceRef,
    );
    const integrations = credentials
      ? await this.visibility.visibleIntegrations(downstream, credentials)
      : downstream;
    const seen = new Set<string>();
    return integrations.flatMap(i => {
      if (i.providerRef !== resourceRef || seen.has(i.consumerRef)) return [];
      seen.add(i.consumerRef);
      return [
        {
          consumerRef: i.consumerRef,
          ...(i.consumerOwnerRef
            ? { consumerOwnerRef: i.consumerOwnerRef }
            : {}),
          integrationId: i.id,
        },
      ];
    });
  }

  /** The candidate after the history on an embedded PostgreSQL, with these consumers' queries. */
  private async dryRun(
    queries: StoredQuery[],
    history: MigrationInput[],
    candidate: MigrationInput,
  ): Promise<DryRunResult> {
    return this.options.pool.dryRunMigration({
      input: {
        history: history.map(({ id, sql }) => ({ id, sql })),
        candidate: { id: candidate.id, sql: candidate.sql },
        queries: queries.map(({ consumerRef, name, sql }) => ({
          consumerRef,
          name,
          sql,
        })),
      },
      options: {
        timeoutMs: this.options.config.dryRunTimeoutMs,
        maxMemoryMb: this.options.config.dryRunMaxMemoryMb,
      },
    });
  }
}
