import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationHealthApiRef } from '../../api';
import { calendarRouteRef } from '../../routes';
import { DB, latestCheck, transactionsSchema } from './schemaFixtures';
import { SchemaHistoryCard } from './SchemaHistoryCard';

function renderCard(
  getResourceSchema: jest.Mock,
  props: { onlyWithMigrations?: boolean } = {},
) {
  return renderInTestApp(<SchemaHistoryCard entityRef={DB} {...props} />, {
    apis: [[integrationHealthApiRef, { getResourceSchema }]],
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/integration-health/calendar': calendarRouteRef,
    },
  });
}

const section = (name: RegExp | string) => screen.getByRole('region', { name });

describe('SchemaHistoryCard', () => {
  it('lists the migrations newest first with when and how they came and their counts in words', async () => {
    const api = jest.fn().mockResolvedValue(transactionsSchema());
    renderCard(api);

    expect(await screen.findByText('Schema history')).toBeInTheDocument();
    expect(api).toHaveBeenCalledWith(DB);
    const list = screen.getByRole('list', { name: 'Migrations, newest first' });
    const [broken, rename, index, init] = within(list).getAllByRole('listitem');
    expect(section('Migrations (4)')).toBeInTheDocument();

    expect(broken).toHaveTextContent('20261210_broken.sql');
    expect(broken).toHaveTextContent('pushed from CI');
    expect(broken).toHaveTextContent(
      'Could not be classified: syntax error at or near "TABEL" at line 3',
    );

    expect(rename).toHaveTextContent('20261201_rename_account.sql');
    expect(rename).toHaveTextContent(
      "first seen Nov 20, 2026 · from the resource's migration files",
    );
    expect(rename).toHaveTextContent('1 breaking');
    expect(rename).toHaveTextContent('1 warning');
    expect(
      within(rename).getByRole('link', {
        name: 'On the breaking-change calendar: 20261201_rename_account.sql',
      }),
    ).toHaveAttribute('href', '/integration-health/calendar?entry=entry-7');

    expect(index).toHaveTextContent('1 warning');
    expect(index).toHaveTextContent('1 unclassified statement');
    expect(within(index).queryByRole('link')).not.toBeInTheDocument();

    expect(init).toHaveTextContent('no classified changes');
    expect(
      within(init).queryByRole('button', { name: /findings/ }),
    ).not.toBeInTheDocument();
  });

  it('shows a migration’s findings on demand, breaking first, with rule, object and line', async () => {
    renderCard(jest.fn().mockResolvedValue(transactionsSchema()));
    const show = await screen.findByRole('button', {
      name: 'Show findings of 20261201_rename_account.sql',
    });
    expect(show).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(show);

    const table = within(section('Migrations (4)')).getByRole('table', {
      name: 'Findings of 20261201_rename_account.sql',
    });
    const rows = within(table)
      .getAllByRole('row')
      .map(row => row.textContent);
    expect(rows).toEqual([
      'LevelRuleObjectLineChange',
      'breakingcolumn-renamedpublic.accounts.account_no2column public.accounts.account_no renamed to account_number',
      'warningindex-not-concurrentpublic.accounts_owner_idx4index accounts_owner_idx on public.accounts is built without CONCURRENTLY',
    ]);
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Hide findings of 20261201_rename_account.sql',
      }),
    );
    expect(
      screen.queryByRole('table', {
        name: 'Findings of 20261201_rename_account.sql',
      }),
    ).not.toBeInTheDocument();
  });

  it('lists the consumers with the queries they declare, the SQL on demand', async () => {
    renderCard(jest.fn().mockResolvedValue(transactionsSchema()));
    const consumers = within(
      await screen.findByRole('region', {
        name: 'Consumers (2)',
      }),
    );
    expect(
      consumers.getByRole('link', {
        name: 'component:default/transaction-validation',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/transaction-validation',
    );
    expect(
      consumers.getByText(/owned by group:default\/payments-engineering/),
    ).toBeInTheDocument();
    const queries = consumers.getByRole('list', {
      name: 'Queries of component:default/transaction-validation',
    });
    expect(within(queries).getAllByRole('listitem')).toHaveLength(2);
    expect(
      consumers.getByText(
        'Declares no queries, so a migration cannot be checked against it.',
      ),
    ).toBeInTheDocument();

    expect(consumers.queryByLabelText('SQL of lookup_account.sql')).toBeNull();
    await userEvent.click(
      consumers.getByRole('button', {
        name: 'Show SQL of lookup_account.sql',
      }),
    );
    const sql = consumers.getByLabelText('SQL of lookup_account.sql');
    expect(sql.tagName).toBe('PRE');
    expect(sql.textContent).toBe(
      'SELECT account_no, owner\nFROM accounts\nWHERE id = $1',
    );
  });

  it('shows the latest check: verdict, dry run, and per consumer the impact, the broken query with PostgreSQL’s error and the acknowledgement', async () => {
    renderCard(jest.fn().mockResolvedValue(transactionsSchema()));
    const check = within(
      await screen.findByRole('region', {
        name: 'Latest check of a candidate migration',
      }),
    );
    expect(check.getByText('Did not pass')).toBeInTheDocument();
    expect(
      check.getByText(
        /after 3 recorded migrations · 2 reached consumers without an acknowledgement/,
      ),
    ).toBeInTheDocument();
    expect(check.getByText('Dry run completed (412 ms)')).toBeInTheDocument();
    expect(
      check.getByRole('table', {
        name: 'What 20261201_rename_account.sql changes',
      }),
    ).toBeInTheDocument();

    const impact = check.getByRole('table', {
      name: 'What the candidate does to each consumer',
    });
    const [, validation, reporting, ledger] =
      within(impact).getAllByRole('row');
    expect(
      within(validation)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'Broken',
      'lookup_account.sql: column "account_no" does not exist · SQLSTATE 42703 · line 1',
      'Pending',
    ]);
    expect(within(validation).getByRole('rowheader')).toHaveTextContent(
      'component:default/transaction-validation',
    );
    expect(
      within(reporting)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['OK', 'none', 'Not reached: nothing to acknowledge']);
    expect(
      within(ledger)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'Unknown: declares no queries',
      'none',
      'Not on the calendar: nothing acknowledged',
    ]);
  });

  it('shows a candidate that does not apply with the migration, line and PostgreSQL’s error', async () => {
    const schema = transactionsSchema();
    schema.latestCheck = latestCheck({
      passed: false,
      findings: [],
      consumers: [],
      unacknowledged: 0,
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
    });
    renderCard(jest.fn().mockResolvedValue(schema));
    const check = within(
      await screen.findByRole('region', {
        name: 'Latest check of a candidate migration',
      }),
    );
    expect(check.getByText('Did not pass')).toBeInTheDocument();
    expect(
      check.getByText(
        'Dry run failed: the candidate migration does not apply (120 ms)',
      ),
    ).toBeInTheDocument();
    expect(
      check.getByText(
        'Did not apply: 20261201_rename_account.sql, line 2: relation "accounts" does not exist (SQLSTATE 42P01)',
      ),
    ).toBeInTheDocument();
    expect(check.getByText('No consumer was checked.')).toBeInTheDocument();
  });

  it('says what to do when nothing is recorded yet', async () => {
    renderCard(
      jest
        .fn()
        .mockResolvedValue({ resourceRef: DB, migrations: [], consumers: [] }),
    );
    expect(
      await screen.findByText(
        /No migrations recorded: add the integration-health.io\/migrations annotation/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /No consumer declares queries against this database yet/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /No candidate migration checked yet: run integration-health-check --resource resource:default\/transactions-db/,
      ),
    ).toBeInTheDocument();
  });

  it('warns when the migrations could not be read on the last sync', async () => {
    const schema = transactionsSchema();
    schema.sourceError = 'migrations folder ./db/migrations does not exist';
    renderCard(jest.fn().mockResolvedValue(schema));
    expect(
      await screen.findByText(
        'The migrations could not be read on the last sync',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'migrations folder ./db/migrations does not exist. The migrations recorded before are kept.',
      ),
    ).toBeInTheDocument();
  });

  it('shows nothing for a resource that is not a database unless it has migrations', async () => {
    const empty = jest
      .fn()
      .mockResolvedValue({ resourceRef: DB, migrations: [], consumers: [] });
    renderCard(empty, { onlyWithMigrations: true });
    await waitFor(() => expect(empty).toHaveBeenCalledWith(DB));
    expect(screen.queryByText('Schema history')).not.toBeInTheDocument();
    expect(
      screen.queryByText(/No migrations recorded/),
    ).not.toBeInTheDocument();
  });

  it('shows the history of a resource that is not typed a database when it has migrations', async () => {
    renderCard(jest.fn().mockResolvedValue(transactionsSchema()), {
      onlyWithMigrations: true,
    });
    expect(await screen.findByText('Schema history')).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Migrations, newest first' }),
    ).toBeInTheDocument();
  });

  it('says why it could not load and retries', async () => {
    const api = jest
      .fn()
      .mockRejectedValueOnce(new Error('backend unavailable'))
      .mockResolvedValue(transactionsSchema());
    renderCard(api);
    expect(
      await screen.findByText('Could not load the schema history'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('list', { name: 'Migrations, newest first' }),
    ).toBeInTheDocument();
  });
});
