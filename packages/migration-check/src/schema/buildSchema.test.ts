import { history } from '../__testUtils__/transactionsDb';
import { buildSchema } from './buildSchema';

describe('buildSchema', () => {
  it('models the tables, columns, types, views, functions and indexes a history leaves', async () => {
    const schema = await buildSchema(history());
    expect(Object.keys(schema.tables)).toEqual([
      'public.accounts',
      'public.transactions',
    ]);
    expect(schema.tables['public.accounts'].columns).toEqual({
      id: { type: 'bigserial', notNull: true, hasDefault: true },
      account_no: { type: 'varchar(20)', notNull: true, hasDefault: false },
      owner_name: { type: 'text', notNull: true, hasDefault: false },
      status: { type: 'account_status', notNull: true, hasDefault: true },
      balance: { type: 'numeric(14,2)', notNull: true, hasDefault: true },
      created_at: {
        type: 'timestamp with time zone',
        notNull: true,
        hasDefault: true,
      },
    });
    expect(Object.keys(schema.tables['public.transactions'].columns)).toEqual([
      'id',
      'account_id',
      'amount',
      'currency',
      'status',
      'reference',
      'booked_at',
      'channel',
      'source_system',
    ]);
    expect(schema.types).toEqual({
      'public.account_status': { enumValues: ['active', 'frozen', 'closed'] },
      'public.transaction_status': {
        enumValues: ['pending', 'booked', 'rejected'],
      },
    });
    expect(schema.views).toEqual({
      'public.pending_transactions': { materialized: false },
    });
    expect(schema.functions).toEqual({
      'public.account_balance': { signatures: ['(bigint)'] },
    });
    expect(schema.indexes).toEqual({
      'public.transactions_account_id_idx': {
        table: 'public.transactions',
        unique: false,
      },
      'public.transactions_booked_at_idx': {
        table: 'public.transactions',
        unique: false,
      },
    });
  });

  it('follows renames, schema moves, drops and enum values in order', async () => {
    const schema = await buildSchema([
      {
        id: '1',
        sql: `CREATE TYPE s AS ENUM ('a', 'c');
              CREATE TABLE t (x int, y text);
              CREATE INDEX t_x ON t (x);`,
      },
      {
        id: '2',
        sql: `ALTER TYPE s ADD VALUE 'b' BEFORE 'c';
              ALTER TYPE s RENAME VALUE 'a' TO 'z';
              ALTER TABLE t RENAME COLUMN x TO x2;
              ALTER TABLE t ALTER COLUMN y SET NOT NULL;
              ALTER TABLE t RENAME TO u;
              CREATE SCHEMA other;
              ALTER TABLE u SET SCHEMA other;
              CREATE TYPE s2 AS ENUM ('q');`,
      },
    ]);
    expect(schema.tables).toEqual({
      'other.u': {
        columns: {
          y: { type: 'text', notNull: true, hasDefault: false },
          x2: { type: 'integer', notNull: false, hasDefault: false },
        },
      },
    });
    expect(schema.types).toEqual({
      'public.s': { enumValues: ['z', 'b', 'c'] },
      'public.s2': { enumValues: ['q'] },
    });
    expect(schema.indexes).toEqual({
      'other.t_x': { table: 'other.u', unique: false },
    });
  });
});
