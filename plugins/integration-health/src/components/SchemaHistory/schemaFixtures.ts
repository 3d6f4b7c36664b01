import {
  MigrationCheckResult,
  ResourceSchema,
} from '@integration-health/plugin-integration-health-common';

export const DB = 'resource:default/transactions-db';

const renameFinding = {
  ruleId: 'column-renamed',
  level: 'breaking' as const,
  message: 'column public.accounts.account_no renamed to account_number',
  object: 'public.accounts.account_no',
  line: 2,
  fingerprint: 'rename',
  touches: { tables: ['public.accounts'], columns: ['account_no'] },
};

const indexFinding = {
  ruleId: 'index-not-concurrent',
  level: 'warning' as const,
  message:
    'index accounts_owner_idx on public.accounts is built without CONCURRENTLY',
  object: 'public.accounts_owner_idx',
  line: 4,
  fingerprint: 'index',
  touches: { tables: ['public.accounts'], columns: ['owner'] },
};

const lookupSql = 'SELECT account_no, owner\nFROM accounts\nWHERE id = $1';

export function latestCheck(
  overrides: Partial<MigrationCheckResult> = {},
): MigrationCheckResult {
  return {
    resourceRef: DB,
    migrationId: '20261201_rename_account.sql',
    checkedAt: '2026-11-20T10:00:00.000Z',
    historyLength: 3,
    findings: [renameFinding],
    summary: { breaking: 1, warning: 0, info: 0, unclassified: 0 },
    dryRun: { status: 'completed', durationMs: 412 },
    consumers: [
      {
        consumerRef: 'component:default/transaction-validation',
        consumerOwnerRef: 'group:default/payments-engineering',
        impact: 'broken',
        brokenQueries: [
          {
            name: 'lookup_account.sql',
            sql: lookupSql,
            error: {
              message: 'column "account_no" does not exist',
              code: '42703',
              line: 1,
            },
          },
        ],
        alreadyBroken: [],
        reached: true,
        state: 'pending',
      },
      {
        consumerRef: 'component:default/reporting',
        impact: 'ok',
        brokenQueries: [],
        alreadyBroken: [],
        reached: false,
      },
      {
        consumerRef: 'component:default/ledger',
        impact: 'unknown',
        brokenQueries: [],
        alreadyBroken: [],
        reached: true,
      },
    ],
    calendarEntryId: 'entry-7',
    unacknowledged: 2,
    passed: false,
    ...overrides,
  };
}

export function transactionsSchema(): ResourceSchema {
  return {
    resourceRef: DB,
    migrations: [
      {
        id: '20260101_init.sql',
        position: 0,
        origin: 'catalog',
        firstSeenAt: '2026-01-05T09:00:00.000Z',
        findings: [],
        summary: { breaking: 0, warning: 0, info: 0, unclassified: 0 },
      },
      {
        id: '20260301_owner_index.sql',
        position: 1,
        origin: 'pushed',
        firstSeenAt: '2026-03-02T09:00:00.000Z',
        findings: [indexFinding],
        summary: { breaking: 0, warning: 1, info: 0, unclassified: 1 },
      },
      {
        id: '20261201_rename_account.sql',
        position: 2,
        origin: 'catalog',
        firstSeenAt: '2026-11-20T09:00:00.000Z',
        findings: [indexFinding, renameFinding],
        summary: { breaking: 1, warning: 1, info: 0, unclassified: 0 },
        calendarEntryId: 'entry-7',
      },
      {
        id: '20261210_broken.sql',
        position: 3,
        origin: 'pushed',
        firstSeenAt: '2026-11-21T09:00:00.000Z',
        findings: [],
        summary: { breaking: 0, warning: 0, info: 0, unclassified: 0 },
        error: 'syntax error at or near "TABEL" at line 3',
      },
    ],
    consumers: [
      {
        consumerRef: 'component:default/transaction-validation',
        consumerOwnerRef: 'group:default/payments-engineering',
        integrationId: 'i-1',
        queries: [
          { name: 'lookup_account.sql', sql: lookupSql },
          { name: 'insert_validation.sql', sql: 'INSERT INTO validations …' },
        ],
      },
      {
        consumerRef: 'component:default/ledger',
        integrationId: 'i-2',
        queries: [],
      },
    ],
    latestCheck: latestCheck(),
  };
}
