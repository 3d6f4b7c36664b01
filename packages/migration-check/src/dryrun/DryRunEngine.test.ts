import {
  candidate,
  consumerQueries,
  history,
} from '../__testUtils__/transactionsDb';
import { DryRunWorker } from '../__testUtils__/dryRunWorker';
import { DryRunResult } from './types';

jest.setTimeout(120_000);

function outcomes(result: DryRunResult) {
  return result.queries.map(q => [
    q.consumerRef.split('/')[1],
    q.name,
    q.status,
  ]);
}

// The engine runs in a worker thread, as in the backend: see DryRunWorker.
const worker = new DryRunWorker();
afterAll(() => worker.close());
const engine = { dryRun: worker.run.bind(worker) };

describe('dry run on the transactions-db fixtures', () => {
  const run = (name: string) =>
    engine.dryRun({
      history: history(),
      candidate: candidate(name),
      queries: consumerQueries(),
    });

  it('the rename breaks exactly the query that reads the old column, with PostgreSQL’s error', async () => {
    const result = await run('rename_account_no');
    expect(result.status).toBe('completed');
    expect(outcomes(result)).toEqual([
      ['legacy-accounts', 'account_by_iban.sql', 'already-broken'],
      ['legacy-accounts', 'legacy_balance.sql', 'ok'],
      ['transaction-processing', 'book_transaction.sql', 'ok'],
      ['transaction-processing', 'insert_transaction.sql', 'ok'],
      ['transaction-processing', 'rejected_count.sql', 'ok'],
      ['transaction-validation', 'find_account.sql', 'broken'],
      // The view keeps its column name when the table's column is renamed.
      ['transaction-validation', 'pending_for_account.sql', 'ok'],
    ]);
    expect(result.queries[5]).toEqual({
      consumerRef: 'component:default/transaction-validation',
      name: 'find_account.sql',
      status: 'broken',
      error: {
        message: 'column "account_no" does not exist',
        code: '42703',
        line: 1,
      },
    });
    expect(result.queries[0].error).toEqual({
      message: 'column "iban" does not exist',
      code: '42703',
      line: 4,
    });
  });

  it('removing an enum value breaks the query that compares with it', async () => {
    const result = await run('remove_rejected_status');
    expect(result.queries.filter(q => q.status === 'broken')).toEqual([
      {
        consumerRef: 'component:default/transaction-processing',
        name: 'rejected_count.sql',
        status: 'broken',
        error: {
          message:
            'invalid input value for enum transaction_status: "rejected"',
          code: '22P02',
          line: 4,
        },
      },
    ]);
  });

  it('dropping a column, a view and a function breaks their readers and writers', async () => {
    const result = await run('drop_reference');
    expect(
      result.queries
        .filter(q => q.status === 'broken')
        .map(q => [q.name, q.error?.code, q.error?.message]),
    ).toEqual([
      [
        'legacy_balance.sql',
        '42883',
        'function account_balance(unknown) does not exist',
      ],
      [
        'insert_transaction.sql',
        '42703',
        'column "reference" of relation "transactions" does not exist',
      ],
      [
        'pending_for_account.sql',
        '42P01',
        'relation "pending_transactions" does not exist',
      ],
    ]);
  });

  it('harmless additions break nothing', async () => {
    const result = await run('harmless_additions');
    expect(result.status).toBe('completed');
    expect(
      result.queries.map(q => q.status).filter(s => s === 'broken'),
    ).toEqual([]);
  });

  it('a candidate PostgreSQL refuses is a result with its error and line', async () => {
    const result = await run('amount_in_cents');
    expect(result).toMatchObject({
      status: 'candidate-failed',
      queries: [],
      failure: {
        migrationId: '202612100900_amount_in_cents',
        file: 'candidates/202612100900_amount_in_cents.sql',
        line: 5,
        error: {
          message: 'cannot alter type of a column used by a view or rule',
          code: '0A000',
          detail:
            'rule _RETURN on view pending_transactions depends on column "amount"',
          line: 5,
        },
      },
    });
  });

  it('an unparseable candidate fails with the parser’s error and line', async () => {
    const result = await run('unparseable');
    expect(result.status).toBe('candidate-failed');
    expect(result.failure).toEqual({
      migrationId: '202612090900_unparseable',
      file: 'candidates/202612090900_unparseable.sql',
      line: 4,
      error: {
        message: 'syntax error at or near "TABEL"',
        code: '42601',
        line: 4,
      },
    });
  });

  it('a history migration that does not apply is named, and nothing is blamed on the candidate', async () => {
    const broken = {
      id: '202610150900_bad',
      file: 'migrations/202610150900_bad.sql',
      sql: 'ALTER TABLE accounts ADD COLUMN iban text;\n\nCREATE INDEX ON accounts (ibn);',
    };
    const result = await engine.dryRun({
      history: [...history().slice(0, 2), broken, ...history().slice(2)],
      candidate: candidate('harmless_additions'),
      queries: consumerQueries(),
    });
    expect(result).toMatchObject({
      status: 'history-failed',
      queries: [],
      failure: {
        migrationId: '202610150900_bad',
        line: 3,
        error: {
          message: 'column "ibn" does not exist',
          code: '42703',
          line: 3,
        },
      },
    });
  });

  it('each run starts from an empty database', async () => {
    await run('move_to_ledger_schema');
    const again = await run('rename_account_no');
    expect(again.status).toBe('completed');
  });

  it('stops at the time bound and says so', async () => {
    const result = await engine.dryRun(
      {
        history: [{ id: 'slow', sql: 'SELECT pg_sleep(1.5);\nSELECT 1;' }],
        candidate: { id: 'c', sql: 'SELECT 1;' },
        queries: [],
      },
      { timeoutMs: 1_000 },
    );
    expect(result).toMatchObject({
      status: 'timeout',
      message: 'dry run stopped after 1000 ms',
      queries: [],
    });
  });

  it('stops at the memory bound and says so', async () => {
    const result = await engine.dryRun(
      {
        history: history(),
        candidate: candidate('rename_account_no'),
        queries: [],
      },
      { maxMemoryMb: 64 },
    );
    expect(result.status).toBe('memory-exceeded');
    expect(result.message).toMatch(
      /^embedded PostgreSQL grew to \d{3,} MB, over the limit of 64 MB$/,
    );
  });

  it('refuses input over the size bound before starting PostgreSQL', async () => {
    const result = await engine.dryRun(
      {
        history: history(),
        candidate: candidate('rename_account_no'),
        queries: [
          {
            consumerRef: 'component:default/x',
            name: 'huge.sql',
            sql: 'SELECT 1 '.repeat(200),
          },
        ],
      },
      { maxSqlBytes: 1_000 },
    );
    expect(result).toMatchObject({
      status: 'input-too-large',
      message:
        'query huge.sql of component:default/x is over the limit of 1000 bytes',
    });
  });
});

describe('dryRunMigration', () => {
  it('runs once on a runtime of its own, and its result crosses threads as plain data', async () => {
    const result = await worker.run(
      {
        history: history(),
        candidate: candidate('require_booked_by'),
        queries: consumerQueries(),
      },
      {},
      true,
    );
    expect(result.status).toBe('completed');
    // Writers that omit the new NOT NULL column still prepare: that breaks at run time.
    expect(
      result.queries.find(q => q.name === 'insert_transaction.sql')?.status,
    ).toBe('ok');
    expect(structuredClone(result)).toEqual(result);
  });
});
