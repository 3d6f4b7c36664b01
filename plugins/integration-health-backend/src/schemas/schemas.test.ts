import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  DB_QUERIES_ANNOTATION,
  MIGRATIONS_ANNOTATION,
} from '@integration-health/plugin-integration-health-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { catalogHiding } from '../__testUtils__/catalogHiding';
import { integrationHealthPlugin } from '../plugin';
import { entity } from '../testUtils/entities';

jest.setTimeout(240_000);

// The migration engine's own fixtures: a transactions database's history,
// candidate migrations and three consumers' queries.
const FIXTURES = path.resolve(
  __dirname,
  '../../../../packages/migration-check/fixtures/transactions-db',
);
const fixture = (...parts: string[]) =>
  fs.readFileSync(path.join(FIXTURES, ...parts), 'utf8');

const TOKENS = {
  pusher: 'migrations-push-token-001',
  reader: 'unrestricted-token-00002',
};

/** The history as the catalog's location holds it: a copy a test can add to. */
const migrationsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
for (const file of fs.readdirSync(path.join(FIXTURES, 'migrations'))) {
  fs.copyFileSync(
    path.join(FIXTURES, 'migrations', file),
    path.join(migrationsDir, file),
  );
}

function annotated(e: Entity, annotations: Record<string, string>): Entity {
  return {
    ...e,
    metadata: {
      ...e.metadata,
      annotations: { ...e.metadata.annotations, ...annotations },
    },
  };
}

const DB = 'resource:default/transactions-db';
const catalog = [
  entity('group:default/payments'),
  entity('group:default/platform'),
  annotated(entity(DB, { owner: 'group:default/platform', type: 'database' }), {
    [MIGRATIONS_ANNOTATION]: `dir:${migrationsDir}`,
  }),
  annotated(
    entity('component:default/transaction-validation', {
      owner: 'group:default/payments',
      relations: { dependsOn: [DB] },
    }),
    {
      [DB_QUERIES_ANNOTATION]: `dir:${path.join(
        FIXTURES,
        'consumers/transaction-validation',
      )}`,
    },
  ),
  annotated(
    entity('component:default/transaction-processing', {
      owner: 'group:default/payments',
      relations: { dependsOn: [DB] },
    }),
    {
      [DB_QUERIES_ANNOTATION]: `resource:transactions-db=dir:${path.join(
        FIXTURES,
        'consumers/transaction-processing',
      )}`,
    },
  ),
  // Depends on the database and declares no queries.
  entity('component:default/reports', {
    owner: 'group:default/platform',
    relations: { dependsOn: [DB] },
  }),
];

describe('database migrations over REST', () => {
  let backend: TestBackend;
  const api = () => request(backend.server);
  const reader = `Bearer ${TOKENS.reader}`;
  const DB_PATH = 'resource/default/transactions-db';

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        integrationHealthPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        catalogHiding(catalog, {}),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: TOKENS.pusher, subject: 'migrate-ci' },
                    accessRestrictions: [
                      {
                        plugin: 'integration-health',
                        permission: 'integration-health.migrations.push',
                      },
                    ],
                  },
                  {
                    type: 'static',
                    options: { token: TOKENS.reader, subject: 'ops' },
                  },
                ],
              },
            },
            integrationHealth: {
              schemas: { allowedDirectories: [migrationsDir, FIXTURES] },
              sync: {
                schedule: { frequency: { hours: 1 }, timeout: { minutes: 3 } },
              },
            },
          },
        }),
      ],
    });
    for (let i = 0; i < 600; i++) {
      const run = await api()
        .get('/api/integration-health/v1/sync-runs/latest')
        .set('Authorization', reader);
      if (run.body.status && run.body.status !== 'running') return;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error('The first sync did not finish');
  });

  afterAll(() => backend?.stop());

  it('records the history read from the catalog, classified, with each consumer and its queries', async () => {
    const res = await api()
      .get(`/api/integration-health/v1/entities/${DB_PATH}/schema`)
      .set('Authorization', reader);
    expect(res.status).toBe(200);
    expect(res.body.migrations.map((m: any) => [m.id, m.origin])).toEqual([
      ['202609010900_create_accounts.sql', 'catalog'],
      ['202609150900_create_transactions.sql', 'catalog'],
      ['202610010900_pending_view.sql', 'catalog'],
      ['202610200900_transaction_channel.sql', 'catalog'],
    ]);
    expect(res.body.migrations[0].findings.map((f: any) => f.ruleId)).toEqual(
      expect.arrayContaining(['type-created', 'table-created']),
    );
    expect(
      res.body.consumers.map((c: any) => [
        c.consumerRef,
        c.queries.map((q: any) => q.name),
      ]),
    ).toEqual([
      ['component:default/reports', []],
      [
        'component:default/transaction-processing',
        [
          'book_transaction.sql',
          'insert_transaction.sql',
          'rejected_count.sql',
        ],
      ],
      [
        'component:default/transaction-validation',
        ['find_account.sql', 'pending_for_account.sql'],
      ],
    ]);
    // The history before the plugin first read it is not news: no entries.
    const calendar = await api()
      .get('/api/integration-health/v1/calendar')
      .set('Authorization', reader);
    expect(calendar.body.items.filter((e: any) => e.apiRef === DB)).toEqual([]);
  });

  it('checks a candidate: the rename breaks the validation query that reads the column, with PostgreSQL’s error', async () => {
    const res = await api()
      .post(`/api/integration-health/v1/resources/${DB_PATH}/migrations/check`)
      .set('Authorization', reader)
      .send({
        id: '202612010900_rename_account_no.sql',
        sql: fixture('candidates/202612010900_rename_account_no.sql'),
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      migrationId: '202612010900_rename_account_no.sql',
      historyLength: 4,
      passed: false,
      dryRun: { status: 'completed' },
    });
    expect(res.body.summary.breaking).toBeGreaterThan(0);
    expect(res.body.findings.map((f: any) => f.ruleId)).toContain(
      'column-renamed',
    );
    const byConsumer = Object.fromEntries(
      res.body.consumers.map((c: any) => [c.consumerRef, c]),
    );
    expect(
      byConsumer['component:default/transaction-validation'],
    ).toMatchObject({
      impact: 'broken',
      reached: true,
      brokenQueries: [
        {
          name: 'find_account.sql',
          error: {
            message: 'column "account_no" does not exist',
            code: '42703',
          },
        },
      ],
    });
    expect(
      byConsumer['component:default/transaction-processing'],
    ).toMatchObject({ impact: 'ok', reached: false });
    // No queries declared: it cannot be ruled out.
    expect(byConsumer['component:default/reports']).toMatchObject({
      impact: 'unknown',
      reached: true,
    });
    expect(res.body.unacknowledged).toBe(2);
  });

  it('refuses SQL that does not parse with its line, and fails a migration that does not apply', async () => {
    const unparseable = await api()
      .post(`/api/integration-health/v1/resources/${DB_PATH}/migrations/check`)
      .set('Authorization', reader)
      .send({
        id: '202612090900_unparseable.sql',
        sql: fixture('candidates/202612090900_unparseable.sql'),
      });
    expect(unparseable.status).toBe(400);
    expect(unparseable.body.error.message).toMatch(
      /^The migration could not be read: .*line \d+/,
    );

    const refused = await api()
      .post(`/api/integration-health/v1/resources/${DB_PATH}/migrations/check`)
      .set('Authorization', reader)
      .send({
        id: '202612990900_missing_table.sql',
        sql: 'ALTER TABLE ledger_entries ADD COLUMN note text;',
      });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({
      passed: false,
      dryRun: {
        status: 'candidate-failed',
        failure: {
          migrationId: '202612990900_missing_table.sql',
          error: {
            message: 'relation "ledger_entries" does not exist',
            code: '42P01',
          },
        },
      },
    });

    for (const bad of [
      { id: '../escape.sql', sql: 'SELECT 1' },
      { id: 'x.sql' },
      { id: 'x.sql', sql: 'x'.repeat(5_000_001) },
    ]) {
      const res = await api()
        .post(
          `/api/integration-health/v1/resources/${DB_PATH}/migrations/check`,
        )
        .set('Authorization', reader)
        .send(bad);
      expect([400, 413]).toContain(res.status);
    }
  });

  it('takes pushed migrations only from who may push them, and files a landed breaking migration on the calendar for the consumers it breaks', async () => {
    const history = fs
      .readdirSync(migrationsDir)
      .sort()
      .map(file => ({
        id: file,
        sql: fs.readFileSync(path.join(migrationsDir, file), 'utf8'),
      }));
    const rename = {
      id: '202612010900_rename_account_no.sql',
      sql: fixture('candidates/202612010900_rename_account_no.sql'),
    };
    const push = (token: string) =>
      api()
        .put(`/api/integration-health/v1/resources/${DB_PATH}/migrations`)
        .set('Authorization', `Bearer ${token}`)
        .send({ migrations: [...history, rename] });
    const refused = await api()
      .put(`/api/integration-health/v1/resources/${DB_PATH}/migrations`)
      .send({ migrations: [] });
    expect(refused.status).toBe(401);

    const pushed = await push(TOKENS.pusher);
    expect(pushed.status).toBe(200);
    expect(pushed.body).toEqual({ added: 1, entries: 1, conflicts: [] });
    // The same again adds nothing; a recorded migration edited is reported.
    expect((await push(TOKENS.pusher)).body).toEqual({
      added: 0,
      entries: 0,
      conflicts: [],
    });
    const edited = await api()
      .put(`/api/integration-health/v1/resources/${DB_PATH}/migrations`)
      .set('Authorization', `Bearer ${TOKENS.pusher}`)
      .send({ migrations: [{ ...rename, sql: `${rename.sql}\n-- edited` }] });
    expect(edited.body.conflicts).toEqual([
      '202612010900_rename_account_no.sql changed after it was recorded; the recorded one is kept',
    ]);

    const calendar = await api()
      .get('/api/integration-health/v1/calendar')
      .set('Authorization', reader);
    const [entry] = calendar.body.items.filter((e: any) => e.apiRef === DB);
    expect(entry).toMatchObject({
      origin: 'detected',
      title:
        'transactions-db 202612010900_rename_account_no.sql: 2 breaking changes',
      unaffectedConsumerRefs: ['component:default/transaction-processing'],
    });
    expect(entry.consumers.map((c: any) => [c.consumerRef, c.state])).toEqual([
      ['component:default/reports', 'pending'],
      ['component:default/transaction-validation', 'pending'],
    ]);
    expect(entry.changes.map((c: any) => [c.ruleId, c.level])).toEqual(
      expect.arrayContaining([
        ['column-renamed', 'breaking'],
        ['type-renamed', 'breaking'],
      ]),
    );

    // The check of the landed migration runs it after the history before
    // it, and names its calendar entry and each consumer's state.
    const check = await api()
      .post(`/api/integration-health/v1/resources/${DB_PATH}/migrations/check`)
      .set('Authorization', reader)
      .send(rename);
    expect(check.body).toMatchObject({
      historyLength: 4,
      calendarEntryId: entry.id,
      passed: false,
    });
    expect(
      check.body.consumers
        .filter((c: any) => c.reached)
        .map((c: any) => [c.consumerRef, c.state]),
    ).toEqual([
      ['component:default/reports', 'pending'],
      ['component:default/transaction-validation', 'pending'],
    ]);
    const schema = await api()
      .get(`/api/integration-health/v1/entities/${DB_PATH}/schema`)
      .set('Authorization', reader);
    expect(schema.body.migrations.at(-1)).toMatchObject({
      id: rename.id,
      origin: 'pushed',
      calendarEntryId: entry.id,
    });
    expect(schema.body.latestCheck.migrationId).toBe(rename.id);
  });
});
