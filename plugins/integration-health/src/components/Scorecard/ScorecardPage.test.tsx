import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { Scorecard } from '@integration-health/plugin-integration-health-common';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationHealthApi, integrationHealthApiRef } from '../../api';
import { ledgerPaymentsBrief } from '../Brief/briefFixtures';
import { ScorecardPage } from './ScorecardPage';

const card: Scorecard = {
  kind: 'team',
  day: '2026-11-22',
  since: '2026-10-23',
  windowDays: 30,
  rows: [
    {
      ref: 'group:default/ledger-engineering',
      integrations: 3,
      asProvider: 1,
      asConsumer: 2,
      ownedShare: 0.667,
      mock: 19,
      evidenceShare: 0.333,
      breakingChanges: { announced: 0, pending: 1, overdue: 0 },
      incidents: {
        count: 1,
        durationMinutes: 95,
        affectedTransactions: 1200,
        money: { EUR: 48200.5 },
      },
      trend: { mock: -41 },
    },
    {
      ref: 'group:default/payments-engineering',
      integrations: 6,
      asProvider: 4,
      asConsumer: 3,
      ownedShare: 0.5,
      contract: 55,
      mock: 100,
      evidenceShare: 0.5,
      breakingChanges: { announced: 1, pending: 0, overdue: 3 },
      incidents: {
        count: 0,
        durationMinutes: 0,
        affectedTransactions: 0,
        money: {},
      },
      trend: { contract: 5 },
    },
  ],
};

const integration = (consumer: string, provider: string) => ({
  id: `${consumer}-${provider}`,
  consumerRef: `component:default/${consumer}`,
  providerRef: `component:default/${provider}`,
  kind: 'event',
  sources: ['consumesApi'],
  findings: [],
  firstSeenAt: '2026-11-01T00:00:00Z',
  lastSeenAt: '2026-11-22T00:00:00Z',
});

function scorecardApi() {
  return {
    getScorecard: jest.fn(async () => card),
    getScorecardCsv: jest.fn(async () => '# snapshot 2026-11-22\nref\n'),
    getScorecardIntegrations: jest.fn(
      async (ref: string, windowDays: number) => ({
        subjectRef: ref,
        windowDays,
        total: 2,
        items: [
          {
            ...integration('legacy-account-system', 'transaction-processing'),
            apiRef: 'api:default/transaction-events',
            side: 'consumer',
            incidents: 1,
          },
          {
            ...integration('ledger-reports', 'legacy-account-system'),
            side: 'both',
            incidents: 0,
          },
        ],
      }),
    ),
    getBrief: jest.fn(async subject => ledgerPaymentsBrief({ subject })),
    getBriefMarkdown: jest.fn(async () => '# Brief\n'),
  } as unknown as IntegrationHealthApi;
}

const render = (api: IntegrationHealthApi) =>
  renderInTestApp(<ScorecardPage />, {
    apis: [[integrationHealthApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });

const teams = () =>
  within(screen.getByRole('table', { name: 'Scorecard by team' }))
    .getAllByRole('row')
    .slice(1)
    .map(r => within(r).getByRole('link').textContent);

describe('ScorecardPage', () => {
  it('shows each team as a heat-mapped row with trends, sorted and filtered, linking to the team', async () => {
    await render(scorecardApi());
    const table = await screen.findByRole('table', {
      name: 'Scorecard by team',
    });
    expect(screen.getByText(/as of 2026-11-22/)).toBeInTheDocument();
    // Unknown contract scores sort last.
    expect(teams()).toEqual(['payments-engineering', 'ledger-engineering']);
    const ledger = within(table).getByRole('row', {
      name: /ledger-engineering/,
    });
    expect(within(ledger).getByText('19').closest('td')?.className).toMatch(
      /poor/,
    );
    expect(within(ledger).getByText('▼41')).toBeInTheDocument();
    expect(
      within(ledger).getByText('95 min · 1200 tx · EUR 48,200.50'),
    ).toBeInTheDocument();
    expect(
      within(ledger).getByRole('link', { name: 'ledger-engineering' }),
    ).toHaveAttribute('href', '/catalog/default/group/ledger-engineering');

    await userEvent.click(
      within(table).getByRole('button', { name: 'Overdue' }),
    );
    await userEvent.click(
      within(table).getByRole('button', { name: 'Overdue' }),
    );
    expect(teams()).toEqual(['payments-engineering', 'ledger-engineering']);
    expect(
      within(table).getByRole('columnheader', { name: 'Overdue' }),
    ).toHaveAttribute('aria-sort', 'descending');

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Filter' }),
      'ledger',
    );
    expect(teams()).toEqual(['ledger-engineering']);
  });

  it('shows undeclared and not-observed counts with their trend only once something observes', async () => {
    const api = scorecardApi();
    await render(api);
    const unobserved = await screen.findByRole('table', {
      name: 'Scorecard by team',
    });
    expect(
      within(unobserved).queryByRole('columnheader', { name: 'Undeclared' }),
    ).toBeNull();
    cleanup();

    const observing: Scorecard = {
      ...card,
      rows: card.rows.map((row, i) =>
        i === 0
          ? {
              ...row,
              observed: { undeclared: 2, notObserved: 1 },
              trend: { ...row.trend, undeclared: 2, notObserved: -1 },
            }
          : { ...row, observed: { undeclared: 0, notObserved: 0 } },
      ),
    };
    (api.getScorecard as jest.Mock).mockResolvedValue(observing);
    await render(api);
    const table = await screen.findByRole('table', {
      name: 'Scorecard by team',
    });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toContain('Undeclared');
    expect(headers).toContain('Not observed');
    const ledger = within(table).getByRole('row', {
      name: /ledger-engineering/,
    });
    const cells = within(ledger).getAllByRole('cell');
    const at = (header: string) =>
      cells[headers.indexOf(header) - 1].textContent;
    expect(at('Undeclared')).toBe('2▲2');
    expect(at('Not observed')).toBe('1▼1');

    await userEvent.click(
      within(table).getByRole('button', { name: 'Undeclared' }),
    );
    await userEvent.click(
      within(table).getByRole('button', { name: 'Undeclared' }),
    );
    expect(teams()).toEqual(['ledger-engineering', 'payments-engineering']);
  });

  it('exports the CSV the server makes, and loads again on another window', async () => {
    const api = scorecardApi();
    const createObjectURL = jest.fn(() => 'blob:scorecard');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    await render(api);
    await screen.findByRole('table', { name: 'Scorecard by team' });
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(api.getScorecardCsv).toHaveBeenCalledWith('team', 30);
    expect(createObjectURL).toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: /30 days/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: '365 days' }),
    );
    expect(api.getScorecard).toHaveBeenLastCalledWith('team', 365);
  });

  it('drills down from a team to its integrations, linking to both sides and to the Integrations tab', async () => {
    const api = scorecardApi();
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Integrations of group:default/ledger-engineering',
      }),
    );
    const table = await screen.findByRole('table', {
      name: 'Integrations of ledger-engineering',
    });
    expect(api.getScorecardIntegrations).toHaveBeenCalledWith(
      'group:default/ledger-engineering',
      30,
    );
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('consumes')).toBeInTheDocument();
    expect(
      within(rows[0]).getByRole('link', { name: 'legacy-account-system' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/legacy-account-system',
    );
    expect(
      within(rows[0]).getByRole('link', { name: 'Integrations tab' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/legacy-account-system/integrations',
    );
    expect(
      within(rows[0]).getByRole('button', {
        name: /Contract freshness: unknown/,
      }),
    ).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(
      screen.queryByRole('table', {
        name: 'Integrations of ledger-engineering',
      }),
    ).not.toBeInTheDocument();
  });

  it('prepares a brief about the team inside the drill-down, and leads back to its integrations', async () => {
    const api = scorecardApi();
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Integrations of group:default/ledger-engineering',
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Prepare a brief' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Brief: ledger-engineering',
    });
    expect(
      await within(dialog).findByRole('heading', {
        name: 'ledger-engineering ↔ payments-engineering',
      }),
    ).toBeInTheDocument();
    expect(api.getBrief).toHaveBeenCalledWith(
      { kind: 'entity', entityRef: 'group:default/ledger-engineering' },
      expect.objectContaining({ from: expect.any(String) }),
    );
    expect(screen.getAllByRole('dialog')).toHaveLength(1);

    const back = within(dialog).getByRole('button', {
      name: 'Back to the integrations of ledger-engineering',
    });
    expect(back).toHaveFocus();
    await userEvent.click(back);
    expect(
      await screen.findByRole('table', {
        name: 'Integrations of ledger-engineering',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Prepare a brief' }),
    ).toHaveFocus();
  });

  it('shows a large organisation one page of 100 rows at a time, and starts again at the first page when filtered', async () => {
    const many: Scorecard = {
      ...card,
      rows: Array.from({ length: 250 }, (_, i) => ({
        ...card.rows[1],
        ref: `group:default/team-${String(i).padStart(3, '0')}`,
        contract: i,
      })),
    };
    const api = { ...scorecardApi(), getScorecard: jest.fn(async () => many) };
    render(api as unknown as IntegrationHealthApi);

    expect(await screen.findByText('Rows 1–100 of 250')).toBeInTheDocument();
    expect(teams()).toHaveLength(100);
    expect(teams()[0]).toBe('team-000');
    expect(
      screen.getByRole('button', { name: 'Previous rows' }),
    ).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Next rows' }));
    await userEvent.click(screen.getByRole('button', { name: 'Next rows' }));
    expect(screen.getByText('Rows 201–250 of 250')).toBeInTheDocument();
    expect(teams()).toHaveLength(50);
    expect(teams()[0]).toBe('team-200');
    expect(screen.getByRole('button', { name: 'Next rows' })).toBeDisabled();

    await userEvent.type(screen.getByRole('textbox', { name: 'Filter' }), '1');
    expect(await screen.findByText('Rows 1–100 of 133')).toBeInTheDocument();
    expect(teams()[0]).toBe('team-001');
  });
});
