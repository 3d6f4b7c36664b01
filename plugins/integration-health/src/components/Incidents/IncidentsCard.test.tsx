import { ResponseError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  Integration,
  IntegrationIncident,
} from '@integration-health/plugin-integration-health-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationHealthApi, integrationHealthApiRef } from '../../api';
import { calendarRouteRef } from '../../routes';
import { IncidentsCard } from './IncidentsCard';

jest.setTimeout(30_000);

const integration = (id: string, consumer: string, provider: string) =>
  ({
    id,
    consumerRef: `component:default/${consumer}`,
    providerRef: `component:default/${provider}`,
    apiRef: 'api:default/transaction-events',
    kind: 'event',
    sources: ['consumesApi'],
    findings: [],
    firstSeenAt: '2026-11-01T00:00:00Z',
    lastSeenAt: '2026-11-22T00:00:00Z',
  } as Integration);

const legacy = integration(
  'i1',
  'legacy-account-system',
  'transaction-processing',
);
const reports = integration('i2', 'ledger-reports', 'transaction-processing');

const recorded: IntegrationIncident = {
  id: 'inc-1',
  integrationId: 'i1',
  consumerRef: legacy.consumerRef,
  providerRef: legacy.providerRef,
  apiRef: legacy.apiRef,
  title: 'Card payments not booked',
  occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
  resolvedAt: new Date(Date.now() - 3 * 86_400_000 + 95 * 60_000).toISOString(),
  impact: {
    durationMinutes: 95,
    affectedTransactions: 1200,
    money: { amount: 48200.5, currency: 'EUR' },
  },
  trigger: {
    calendarEntryId: 'e-1',
    calendarEntryTitle: 'transaction-events 2.0.0',
  },
  outOfSync: { kind: 'mock', url: 'https://ci.example.com/pacts/7' },
  postmortemUrls: ['https://wiki.example.com/pm/7'],
  recordedBy: 'user:default/mei',
  recordedAt: '2026-11-20T10:00:00Z',
  updatedBy: 'user:default/mei',
  updatedAt: '2026-11-20T10:00:00Z',
  scoresBefore: { day: '2026-11-18', mock: 19 },
  canEdit: true,
};

function incidentsApi(incidents: IntegrationIncident[]) {
  return {
    getEntityIncidents: jest.fn(async () => incidents),
    getIntegrationTrend: jest.fn(async () => [
      { day: new Date().toISOString().slice(0, 10), mock: 19 },
    ]),
    getCalendar: jest.fn(async () => []),
    recordIncident: jest.fn(async (id: string, input: object) => ({
      ...recorded,
      ...input,
      id: 'inc-2',
      integrationId: id,
    })),
    updateIncident: jest.fn(),
  } as unknown as IntegrationHealthApi;
}

const render = (api: IntegrationHealthApi) =>
  renderInTestApp(
    <IncidentsCard
      entityRef="component:default/transaction-processing"
      integrations={[legacy, reports]}
    />,
    {
      apis: [[integrationHealthApiRef, api]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/integration-health/calendar': calendarRouteRef,
      },
    },
  );

describe('IncidentsCard', () => {
  it('shows each incident with its impact, cause and links, and the scores before it next to the timeline', async () => {
    await render(incidentsApi([recorded]));
    const section = await screen.findByRole('region', {
      name: 'Incidents at legacy-account-system → transaction-processing (transaction-events)',
    });
    expect(
      within(section).getByText(
        'Impact: 95 min · 1,200 transactions · EUR 48,200.50',
      ),
    ).toBeInTheDocument();
    expect(
      within(section).getByText(
        'Scores warned: contract unknown, mocks 19 on 2026-11-18',
      ),
    ).toBeInTheDocument();
    expect(
      within(section).getByText('Calendar: transaction-events 2.0.0'),
    ).toBeInTheDocument();
    expect(
      within(section).getByRole('link', { name: 'The calendar entry' }),
    ).toHaveAttribute('href', '/integration-health/calendar?entry=e-1');
    expect(
      within(section).getByRole('link', { name: 'Post-mortem' }),
    ).toHaveAttribute('href', 'https://wiki.example.com/pm/7');
    expect(
      within(section).getByRole('link', { name: 'The out-of-sync mock' }),
    ).toHaveAttribute('href', 'https://ci.example.com/pacts/7');
    expect(
      await within(section).findByRole('img', {
        name: /Contract and mock freshness over the last 90 days, with incident on .* \(the day before: contract unknown, mocks 19\)/,
      }),
    ).toBeInTheDocument();
    expect(
      within(section).getByRole('button', {
        name: 'Edit incident: Card payments not booked',
      }),
    ).toBeInTheDocument();
  });

  it('shows how often an incident was edited and, opened, who changed what and when, newest first', async () => {
    const api = incidentsApi([
      {
        ...recorded,
        title: 'Card payments not booked for 95 minutes',
        updatedBy: 'user:default/amara',
        editCount: 2,
      },
    ]);
    (api as any).getIncidentHistory = jest.fn(async () => [
      {
        editedBy: 'user:default/amara',
        editedAt: '2026-11-21T09:00:00.000Z',
        changes: [
          {
            field: 'title',
            before: 'Card payments not booked',
            after: 'Card payments not booked for 95 minutes',
          },
        ],
      },
      {
        editedBy: 'user:default/mei',
        editedAt: '2026-11-22T08:30:00.000Z',
        changes: [
          {
            field: 'impact',
            before: {
              durationMinutes: 95,
              affectedTransactions: 1200,
              money: { amount: 48200.5, currency: 'EUR' },
            },
            after: {
              durationMinutes: 95,
              affectedTransactions: 1350,
              money: { amount: 52000, currency: 'EUR' },
            },
          },
          { field: 'resolvedAt', before: '2026-11-19T09:50:00.000Z' },
        ],
      },
    ]);
    await render(api);
    const disclosure = await screen.findByRole('button', {
      name: 'Edited 2 times',
    });
    expect(disclosure).toHaveAttribute('aria-expanded', 'false');
    expect(api.getIncidentHistory).not.toHaveBeenCalled();

    await userEvent.click(disclosure);
    const edits = await screen.findByRole('list', {
      name: 'Edits of incident: Card payments not booked for 95 minutes',
    });
    expect(api.getIncidentHistory).toHaveBeenCalledWith('i1', 'inc-1');
    const entries = within(edits)
      .getAllByRole('listitem')
      .filter(li => li.parentElement === edits);
    expect(entries.map(li => li.textContent)).toEqual([
      'mei on 2026-11-22 08:30 UTC' +
        'Impact, transactions: 1,200 → 1,350' +
        'Impact, money: EUR 48,200.50 → EUR 52,000.00' +
        'Resolved: 2026-11-19 09:50 UTC → not set',
      'amara on 2026-11-21 09:00 UTC' +
        'Title: “Card payments not booked” → “Card payments not booked for 95 minutes”',
    ]);
  });

  it("links to the integration's traffic around an incident in each source that saw it, and to nothing else", async () => {
    await render(
      incidentsApi([
        {
          ...recorded,
          observed: {
            from: '2026-11-19T08:00:00.000Z',
            to: '2026-11-19T11:35:00.000Z',
            links: [
              {
                source: 'prometheus',
                url: 'https://prometheus.example.com/graph?g0.expr=x',
              },
              // A source's link that is not http(s) is not shown.
              { source: 'jaeger', url: 'data:text/html,<script>alert(1)</script>' },
            ],
          },
        },
      ]),
    );
    const section = await screen.findByRole('region', {
      name: /^Incidents at/,
    });
    expect(
      within(section).getByRole('link', {
        name: 'Traffic around it in prometheus',
      }),
    ).toHaveAttribute('href', 'https://prometheus.example.com/graph?g0.expr=x');
    expect(
      within(section).queryByRole('link', { name: /in jaeger/ }),
    ).toBeNull();
  });

  it('says when there is none', async () => {
    await render(incidentsApi([]));
    expect(
      await screen.findByText('No incident recorded at these integrations.'),
    ).toBeInTheDocument();
  });

  it('offers no Edit to who may not edit', async () => {
    await render(incidentsApi([{ ...recorded, canEdit: false }]));
    expect(
      await screen.findByText('Card payments not booked'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Edit incident/ }),
    ).not.toBeInTheDocument();
  });

  it('records an incident from the form, and shows what the server refused', async () => {
    const api = incidentsApi([]);
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Record an incident' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Integration/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'ledger-reports → transaction-processing (transaction-events)',
      }),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'What broke' }),
      'Reports empty',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Started (UTC)' }),
      'yesterday',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    expect(
      within(dialog).getByText('Started must read YYYY-MM-DD HH:MM (UTC).'),
    ).toBeInTheDocument();
    expect(api.recordIncident).not.toHaveBeenCalled();

    const started = within(dialog).getByRole('textbox', {
      name: 'Started (UTC)',
    });
    await userEvent.clear(started);
    await userEvent.type(started, '2026-11-19 08:15');
    (api.recordIncident as jest.Mock).mockRejectedValueOnce(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message: 'Only the owners of … may record incidents',
            },
          }),
          {
            status: 403,
            statusText: 'Forbidden',
            headers: { 'Content-Type': 'application/json' },
          },
        ) as any,
      ),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    expect(
      await within(dialog).findByText(/may record incidents/),
    ).toBeInTheDocument();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.recordIncident).toHaveBeenLastCalledWith('i2', {
      title: 'Reports empty',
      occurredAt: '2026-11-19T08:15:00.000Z',
      resolvedAt: undefined,
      impact: {},
      trigger: undefined,
      outOfSync: undefined,
      postmortemUrls: [],
    });
    // The list loads again after a save.
    expect(api.getEntityIncidents).toHaveBeenCalledTimes(2);
  });
});
