import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MigrationCheckResult } from '@integration-health/plugin-integration-health-common';
import { main } from './cli';

/** Answers like the portal's migration check route would, as each test sets it. */
let answer: { status: number; body: string } = { status: 200, body: '{}' };
let received:
  | { method?: string; url?: string; authorization?: string; body: any }
  | undefined;
let url = '';
const server = http.createServer((req, res) => {
  let data = '';
  req.on('data', chunk => (data += chunk));
  req.on('end', () => {
    received = {
      method: req.method,
      url: req.url,
      authorization: req.headers.authorization,
      body: JSON.parse(data),
    };
    res
      .writeHead(answer.status, { 'Content-Type': 'application/json' })
      .end(answer.body);
  });
});
beforeAll(async () => {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise(resolve => server.close(resolve));
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-check-migration-'));
const migration = path.join(dir, '20261201_rename_account.sql');
const sql =
  'BEGIN;\nALTER TABLE accounts RENAME COLUMN account_no TO account_number;\nCOMMIT;\n';
fs.writeFileSync(migration, sql);

const renameFinding = {
  ruleId: 'column-renamed',
  level: 'breaking' as const,
  message: 'column public.accounts.account_no renamed to account_number',
  object: 'public.accounts.account_no',
  line: 2,
  fingerprint: 'f1',
  touches: { tables: ['public.accounts'], columns: ['account_no'] },
};

function result(
  overrides: Partial<MigrationCheckResult> = {},
): MigrationCheckResult {
  return {
    resourceRef: 'resource:default/transactions-db',
    migrationId: '20261201_rename_account.sql',
    checkedAt: '2026-11-20T10:00:00.000Z',
    historyLength: 3,
    findings: [renameFinding],
    summary: { breaking: 1, warning: 0, info: 0, unclassified: 0 },
    dryRun: { status: 'completed', durationMs: 412 },
    consumers: [
      {
        consumerRef: 'component:default/transaction-validation',
        consumerOwnerRef: 'group:default/payments',
        impact: 'broken',
        brokenQueries: [
          {
            name: 'lookup_account.sql',
            sql: 'SELECT account_no FROM accounts WHERE id = $1',
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

async function run(
  argv: string[],
  env: Record<string, string | undefined> = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    { BACKSTAGE_URL: url, BACKSTAGE_TOKEN: 'ci-token', ...env },
    l => out.push(l),
    l => err.push(l),
  );
  return { code, out, err };
}

const check = ['--resource', 'resource:default/transactions-db', '--migration'];

describe('integration-health-check --resource --migration', () => {
  it('posts the migration to the resource check and exits 1 naming the broken query', async () => {
    answer = { status: 200, body: JSON.stringify(result()) };
    const { code, out, err } = await run([...check, migration]);
    expect(err).toEqual([]);
    expect(code).toBe(1);
    expect(received).toEqual({
      method: 'POST',
      url: '/api/integration-health/v1/resources/resource/default/transactions-db/migrations/check',
      authorization: 'Bearer ci-token',
      body: { id: '20261201_rename_account.sql', sql },
    });
    expect(out).toEqual([
      'resource:default/transactions-db 20261201_rename_account.sql: 1 breaking, 0 warning, 0 info',
      'BREAKING public.accounts.account_no (line 2): column public.accounts.account_no renamed to account_number [column-renamed]',
      "Dry run: applied after 3 migration(s) and prepared every consumer's queries in 412 ms",
      'Consumers:',
      '  ✗ component:default/transaction-validation (group:default/payments) broken; has not acknowledged',
      '      query lookup_account.sql: column "account_no" does not exist (SQLSTATE 42703) at line 1',
      '  ✓ component:default/reporting ok: every declared query still prepares; nothing to acknowledge',
      '  ? component:default/ledger unknown: it declares no queries; not on the calendar, so not acknowledged',
      `On the calendar: ${url}/integration-health/calendar?entry=entry-7`,
      expect.stringMatching(
        /^FAIL: 2 consumer\(s\) reached without an acknowledgement/,
      ),
    ]);
  });

  it('exits 0 once every reached consumer acknowledged, and takes a ref without kind or namespace', async () => {
    const acknowledged = result({ unacknowledged: 0, passed: true });
    acknowledged.consumers = [
      { ...acknowledged.consumers[0], state: 'acknowledged' },
    ];
    answer = { status: 200, body: JSON.stringify(acknowledged) };
    const { code, out } = await run([
      '--resource',
      'transactions-db',
      '--migration',
      migration,
    ]);
    expect(code).toBe(0);
    expect(received?.url).toBe(
      '/api/integration-health/v1/resources/resource/default/transactions-db/migrations/check',
    );
    expect(out).toContain(
      '  ✗ component:default/transaction-validation (group:default/payments) broken; acknowledged',
    );
    expect(out.at(-1)).toBe(
      'PASS: the migration applies and reaches no consumer without an acknowledgement.',
    );
  });

  it('exits 1 with the line and PostgreSQL error of a candidate that does not apply', async () => {
    answer = {
      status: 200,
      body: JSON.stringify(
        result({
          findings: [],
          summary: { breaking: 0, warning: 0, info: 0, unclassified: 0 },
          dryRun: {
            status: 'candidate-failed',
            durationMs: 120,
            failure: {
              migrationId: '20261201_rename_account.sql',
              line: 2,
              error: {
                message: 'relation "accounts" does not exist',
                code: '42P01',
              },
            },
          },
          consumers: [],
          calendarEntryId: undefined,
          unacknowledged: 0,
          passed: false,
        }),
      ),
    };
    const { code, out } = await run([
      '--resource',
      'resource:transactions-db',
      '--migration',
      migration,
    ]);
    expect(code).toBe(1);
    expect(out).toEqual([
      'resource:default/transactions-db 20261201_rename_account.sql: 0 breaking, 0 warning, 0 info',
      'Dry run did not complete: candidate-failed',
      '  20261201_rename_account.sql line 2 did not apply: relation "accounts" does not exist (SQLSTATE 42P01)',
      'FAIL: the dry run did not complete (candidate-failed), so the migration cannot be shown to be safe.',
    ]);
  });

  it('exits 2 with the portal’s message when the SQL does not parse', async () => {
    answer = {
      status: 400,
      body: JSON.stringify({
        error: {
          name: 'InputError',
          message:
            '20261201_rename_account.sql does not parse: syntax error at or near "TABEL" at line 2',
        },
      }),
    };
    const { code, out, err } = await run([...check, migration]);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([
      'The portal refused the migration check (400): 20261201_rename_account.sql does not parse: syntax error at or near "TABEL" at line 2',
    ]);
  });

  it('prints the answer as JSON with --json', async () => {
    answer = { status: 200, body: JSON.stringify(result()) };
    const { code, out } = await run([...check, migration, '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(out.join('\n'))).toEqual(result());
  });

  it.each([
    ['no migration', ['--resource', 'resource:x'], /required together/],
    ['no resource', ['--migration', migration], /required together/],
    [
      'a spec as well',
      [...check, migration, '--spec', migration],
      /cannot be combined with --spec/,
    ],
    [
      'an API as well',
      [...check, migration, '--api', 'api:x'],
      /cannot be combined with --api/,
    ],
    ['a folder', [...check, dir], /is not a file/],
    ['a file that is not there', [...check, '/nowhere.sql'], /is not a file/],
  ])(
    'exits 2 with usage for %s, sending nothing',
    async (_what, argv, message) => {
      received = undefined;
      const { code, err } = await run(argv);
      expect(code).toBe(2);
      expect(err.join('\n')).toMatch(message);
      expect(err.join('\n')).toContain('--resource <database resource ref>');
      expect(received).toBeUndefined();
    },
  );

  it('refuses a migration larger than 5 MB', async () => {
    const large = path.join(dir, 'large.sql');
    fs.writeFileSync(large, Buffer.alloc(5 * 1024 * 1024 + 1, 0x20));
    received = undefined;
    const { code, err } = await run([...check, large]);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/large\.sql is larger than 5 MB/);
    expect(received).toBeUndefined();
  });
});
