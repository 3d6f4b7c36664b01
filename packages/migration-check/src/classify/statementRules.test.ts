import { classifyMigration } from './classifyMigration';

const BASE = {
  id: 'base',
  sql: `
CREATE TYPE state AS ENUM ('open', 'closed');
CREATE TABLE orders (
  id serial PRIMARY KEY,
  customer_id int NOT NULL,
  state state NOT NULL DEFAULT 'open',
  note text,
  total numeric(10, 2) NOT NULL DEFAULT 0
);
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE VIEW open_orders AS SELECT id, customer_id FROM orders WHERE state = 'open';
CREATE FUNCTION order_total(p int) RETURNS numeric LANGUAGE sql AS 'SELECT total FROM orders WHERE id = p';
`,
};

async function rules(sql: string) {
  const result = await classifyMigration(
    { id: 'candidate', sql },
    { history: [BASE] },
  );
  return {
    found: result.findings.map(f => [f.ruleId, f.object]),
    unclassified: result.summary.unclassified,
    messages: result.findings.map(f => f.message),
  };
}

describe('statement rules', () => {
  it.each([
    ['DROP TABLE customers;', 'table-dropped', 'public.customers'],
    [
      'ALTER TABLE customers RENAME TO clients;',
      'table-renamed',
      'public.customers',
    ],
    [
      'ALTER VIEW open_orders RENAME TO pending_orders;',
      'view-renamed',
      'public.open_orders',
    ],
    [
      'ALTER FUNCTION order_total(int) RENAME TO total_of;',
      'function-renamed',
      'public.order_total',
    ],
    ['DROP TYPE state CASCADE;', 'type-dropped', 'public.state'],
    [
      "ALTER TYPE state RENAME VALUE 'open' TO 'new';",
      'enum-value-renamed',
      'public.state',
    ],
    ['DROP SCHEMA public CASCADE;', 'schema-dropped', 'public'],
    [
      'ALTER TABLE orders ALTER COLUMN note DROP NOT NULL;',
      'column-not-null-dropped',
      'public.orders.note',
    ],
    [
      'ALTER TABLE orders ALTER COLUMN total DROP DEFAULT;',
      'column-default-dropped-not-null',
      'public.orders.total',
    ],
    [
      "ALTER TABLE orders ALTER COLUMN note SET DEFAULT '';",
      'column-default-changed',
      'public.orders.note',
    ],
    [
      'ALTER TABLE orders ADD CONSTRAINT positive CHECK (total >= 0) NOT VALID;',
      'check-constraint-added',
      'public.orders.positive',
    ],
    [
      'ALTER TABLE orders VALIDATE CONSTRAINT positive;',
      'constraint-validated',
      'public.orders.positive',
    ],
    [
      'ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id);',
      'foreign-key-added',
      'public.orders.fk',
    ],
    [
      'ALTER TABLE customers DROP CONSTRAINT customers_pkey;',
      'constraint-dropped',
      'public.customers.customers_pkey',
    ],
    [
      'ALTER TABLE customers ADD PRIMARY KEY (name);',
      'primary-key-added',
      'public.customers',
    ],
    [
      'ALTER TABLE orders ADD COLUMN seq bigserial;',
      'column-added-volatile-default',
      'public.orders.seq',
    ],
    [
      'ALTER TABLE orders ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();',
      'column-added-with-default',
      'public.orders.created_at',
    ],
    [
      'DROP INDEX orders_customer_idx;',
      'index-dropped-non-concurrently',
      'public.orders_customer_idx',
    ],
    [
      'DROP INDEX CONCURRENTLY orders_customer_idx;',
      'index-dropped-concurrently',
      'public.orders_customer_idx',
    ],
    [
      'ALTER INDEX orders_customer_idx RENAME TO orders_by_customer;',
      'index-renamed',
      'public.orders_customer_idx',
    ],
    [
      'CREATE OR REPLACE VIEW open_orders AS SELECT id, customer_id, note FROM orders;',
      'view-replaced',
      'public.open_orders',
    ],
    [
      "CREATE OR REPLACE FUNCTION order_total(p int) RETURNS numeric LANGUAGE sql AS 'SELECT 0';",
      'function-replaced',
      'public.order_total',
    ],
    ['CREATE DOMAIN cents AS bigint;', 'type-created', 'public.cents'],
    [
      'CREATE MATERIALIZED VIEW totals AS SELECT sum(total) FROM orders;',
      'view-created',
      'public.totals',
    ],
    [
      'ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 2);',
      'column-type-widened',
      'public.orders.total',
    ],
  ])('%s → %s', async (sql, ruleId, object) => {
    const { found, unclassified } = await rules(sql);
    expect(found).toEqual([[ruleId, object]]);
    expect(unclassified).toBe(0);
  });

  it('a table dropped and created again reports the columns it lost and the types that changed', async () => {
    const { found, messages } = await rules(`
      ALTER TABLE customers RENAME TO customers_old;
      CREATE TABLE customers (id bigint PRIMARY KEY);
      INSERT INTO customers SELECT id FROM customers_old;
      DROP TABLE customers_old;`);
    expect(found).toEqual([
      ['column-type-changed', 'public.customers.id'],
      ['column-dropped', 'public.customers.name'],
    ]);
    expect(messages[0]).toBe(
      'Column public.customers.id type changed: integer → bigint',
    );
  });

  it('an enum dropped and created again with the same values is a rewrite, not a removal', async () => {
    const { found, messages } = await rules(`
      ALTER TABLE orders ALTER COLUMN state DROP DEFAULT;
      ALTER TABLE orders ALTER COLUMN state TYPE text;
      DROP TYPE state;
      CREATE TYPE state AS ENUM ('open', 'closed');
      ALTER TABLE orders ALTER COLUMN state TYPE state USING state::state;
      ALTER TABLE orders ALTER COLUMN state SET DEFAULT 'open';`);
    expect(found).toContainEqual(['type-recreated', 'public.state']);
    expect(found.map(f => f[0])).not.toContain('enum-value-removed');
    expect(found.map(f => f[0])).not.toContain('type-dropped');
    expect(messages).toContain(
      'Column public.orders.state type changed: state → text',
    );
  });

  it('names the arguments of a dropped function', async () => {
    expect((await rules('DROP FUNCTION order_total(int);')).messages).toEqual([
      'Function public.order_total(integer) dropped',
    ]);
  });

  it('SET NOT NULL on a column already NOT NULL changes nothing', async () => {
    expect(
      (await rules('ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;'))
        .found,
    ).toEqual([]);
  });

  it('counts schema statements no rule knows as unclassified, and ignores data and transaction statements', async () => {
    const { found, unclassified } = await rules(`
      BEGIN;
      UPDATE orders SET note = '' WHERE note IS NULL;
      DO $$ BEGIN PERFORM 1; END $$;
      ALTER TABLE orders SET UNLOGGED;
      COMMIT;`);
    expect(found).toEqual([]);
    expect(unclassified).toBe(2);
  });
});
