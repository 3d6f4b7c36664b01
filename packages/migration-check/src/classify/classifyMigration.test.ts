import { candidate, history } from '../__testUtils__/transactionsDb';
import { MigrationInputError } from '../errors';
import { classifyHistory, classifyMigration } from './classifyMigration';

/** rule id, level, object and line of each finding: what the calendar shows. */
async function findingsOf(name: string) {
  const result = await classifyMigration(candidate(name), {
    history: history(),
  });
  return result.findings.map(f => [f.ruleId, f.level, f.object, f.line]);
}

describe('classifyMigration on the transactions-db fixtures', () => {
  it('a column rename and a type rename are breaking, with old and new names', async () => {
    const result = await classifyMigration(candidate('rename_account_no'), {
      history: history(),
    });
    expect(result.findings).toEqual([
      expect.objectContaining({
        ruleId: 'column-renamed',
        level: 'breaking',
        object: 'public.accounts.account_no',
        message:
          'Column public.accounts.account_no renamed: account_no → account_number',
        line: 2,
        touches: {
          tables: ['public.accounts'],
          columns: ['public.accounts.account_no'],
        },
      }),
      expect.objectContaining({
        ruleId: 'type-renamed',
        level: 'breaking',
        object: 'public.account_status',
        message:
          'Type public.account_status renamed: public.account_status → public.account_state',
        line: 3,
        touches: {
          tables: ['public.accounts'],
          columns: ['public.accounts.status'],
        },
      }),
    ]);
    expect(result.summary).toEqual({
      breaking: 2,
      warning: 0,
      info: 0,
      unclassified: 0,
    });
    expect(result.touches).toEqual({
      tables: ['public.accounts'],
      columns: ['public.accounts.account_no', 'public.accounts.status'],
    });
  });

  it('drops of a column, a view and a function are breaking', async () => {
    expect(await findingsOf('drop_reference')).toEqual([
      ['column-dropped', 'breaking', 'public.transactions.reference', 1],
      ['view-dropped', 'breaking', 'public.pending_transactions', 3],
      ['function-dropped', 'breaking', 'public.account_balance', 4],
    ]);
  });

  it('a narrowing type change is breaking and rewrites; a widening one is info', async () => {
    const result = await classifyMigration(candidate('type_changes'), {
      history: history(),
    });
    expect(
      result.findings.map(f => [f.ruleId, f.level, f.line, f.message]),
    ).toEqual([
      [
        'column-type-widened',
        'info',
        2,
        'Column public.accounts.account_no type widened: varchar(20) → varchar(34)',
      ],
      [
        'column-type-changed',
        'breaking',
        3,
        'Column public.accounts.balance type changed: numeric(14,2) → bigint',
      ],
      [
        'column-type-change-rewrites-table',
        'warning',
        3,
        'Changing public.accounts.balance to bigint rewrites public.accounts and its indexes under an exclusive lock',
      ],
    ]);
  });

  it('recreating an enum without a value is that value removed, not a drop and a create', async () => {
    const result = await classifyMigration(
      candidate('remove_rejected_status'),
      {
        history: history(),
      },
    );
    const breaking = result.findings.filter(f => f.level === 'breaking');
    expect(breaking).toEqual([
      expect.objectContaining({
        ruleId: 'enum-value-removed',
        object: 'public.transaction_status',
        message: "Value 'rejected' removed from enum public.transaction_status",
        line: 2,
        touches: {
          tables: ['public.transactions'],
          columns: ['public.transactions.status'],
        },
      }),
    ]);
    expect(result.findings.map(f => f.ruleId)).not.toContain('type-dropped');
    expect(result.findings.map(f => f.ruleId)).not.toContain(
      'column-default-dropped-not-null',
    );
  });

  it('NOT NULL without a default, and SET NOT NULL, break writers', async () => {
    expect(await findingsOf('require_booked_by')).toEqual([
      [
        'column-added-not-null-without-default',
        'breaking',
        'public.transactions.booked_by',
        1,
      ],
      ['column-set-not-null', 'breaking', 'public.transactions.reference', 2],
    ]);
  });

  it('harmless additions are info, including what is done to a table created in the same migration', async () => {
    expect(await findingsOf('harmless_additions')).toEqual([
      ['table-created', 'info', 'public.account_limits', 1],
      [
        'index-created-on-new-table',
        'info',
        'public.account_limits_daily_limit_idx',
        5,
      ],
      ['column-added-nullable', 'info', 'public.accounts.nickname', 7],
      ['column-added-with-default', 'info', 'public.accounts.risk_score', 8],
      ['enum-value-added', 'info', 'public.account_status', 9],
      [
        'index-created-concurrently',
        'info',
        'public.accounts_owner_name_idx',
        10,
      ],
    ]);
  });

  it('locking and rewriting changes are warnings', async () => {
    expect(await findingsOf('locking_changes')).toEqual([
      [
        'index-created-non-concurrently',
        'warning',
        'public.transactions_currency_idx',
        1,
      ],
      [
        'unique-constraint-added',
        'warning',
        'public.accounts.accounts_owner_name_key',
        2,
      ],
      [
        'column-added-volatile-default',
        'warning',
        'public.transactions.trace_id',
        3,
      ],
    ]);
  });

  it('moving a table to another schema is breaking and touches all its columns', async () => {
    const result = await classifyMigration(candidate('move_to_ledger_schema'), {
      history: history(),
    });
    expect(
      result.findings.map(f => [f.ruleId, f.level, f.object, f.line]),
    ).toEqual([
      ['schema-created', 'info', 'ledger', 1],
      ['object-schema-changed', 'breaking', 'public.transactions', 2],
    ]);
    expect(result.findings[1].message).toBe(
      'public.transactions moved to schema ledger: public.transactions → ledger.transactions',
    );
    expect(result.findings[1].touches.columns).toHaveLength(9);
  });

  it('a type change PostgreSQL will refuse is still classified: the dry run says it does not apply', async () => {
    expect(await findingsOf('amount_in_cents')).toEqual([
      ['column-added-nullable', 'info', 'public.transactions.amount_minor', 3],
      ['column-type-changed', 'breaking', 'public.transactions.amount', 5],
      [
        'column-type-change-rewrites-table',
        'warning',
        'public.transactions.amount',
        5,
      ],
    ]);
  });

  it('unparseable SQL is a MigrationInputError naming the file and line', async () => {
    const error = await classifyMigration(candidate('unparseable'), {
      history: history(),
    }).catch(e => e);
    expect(error).toBeInstanceOf(MigrationInputError);
    expect(error.describe()).toBe(
      'candidates/202612090900_unparseable.sql, line 4, column 7: syntax error at or near "TABEL"',
    );
  });

  it('a history migration that does not parse is named as the one at fault', async () => {
    const error = await classifyMigration(candidate('rename_account_no'), {
      history: [
        ...history(),
        {
          id: '0005',
          file: 'migrations/0005.sql',
          sql: 'SELECT 1;\nDROP TABEL x;',
        },
      ],
    }).catch(e => e);
    expect(error).toBeInstanceOf(MigrationInputError);
    expect(error.location).toEqual({
      migrationId: '0005',
      file: 'migrations/0005.sql',
      line: 2,
      column: 6,
    });
  });

  it('gives the same fingerprints on every run, and different ones per migration', async () => {
    const a = await classifyMigration(candidate('rename_account_no'), {
      history: history(),
    });
    const b = await classifyMigration(candidate('rename_account_no'), {
      history: history(),
    });
    const other = await classifyMigration(
      { ...candidate('rename_account_no'), id: 'another' },
      { history: history() },
    );
    expect(a.findings.map(f => f.fingerprint)).toEqual(
      b.findings.map(f => f.fingerprint),
    );
    expect(a.findings[0].fingerprint).not.toBe(other.findings[0].fingerprint);
  });

  it('classifies a history, each migration against the ones before it', async () => {
    const results = await classifyHistory(history());
    expect(results.map(r => [r.migrationId, r.summary])).toEqual([
      [
        '202609010900_create_accounts',
        { breaking: 0, warning: 0, info: 2, unclassified: 0 },
      ],
      [
        '202609150900_create_transactions',
        { breaking: 0, warning: 0, info: 3, unclassified: 0 },
      ],
      [
        '202610010900_pending_view',
        { breaking: 0, warning: 0, info: 2, unclassified: 0 },
      ],
      [
        '202610200900_transaction_channel',
        { breaking: 0, warning: 0, info: 3, unclassified: 0 },
      ],
    ]);
  });
});
