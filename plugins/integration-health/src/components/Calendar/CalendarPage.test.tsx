import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationHealthApi, integrationHealthApiRef } from '../../api';
import {
  eventsCalendarEntry,
  sunsetCalendarEntry,
} from '../../testUtils/fixtures';
import { CalendarPage } from './CalendarPage';

function calendarApi() {
  let acknowledged = false;
  const entries = () => [
    acknowledged ? eventsCalendarEntry('acknowledged') : eventsCalendarEntry(),
    sunsetCalendarEntry(),
  ];
  return {
    getCalendar: jest.fn(async () => entries()),
    getCalendarEntry: jest.fn(async (id: string) => ({
      ...entries().find(e => e.id === id)!,
      history: [],
    })),
    getFeedStatus: jest.fn(async () => ({ active: false })),
    announce: jest.fn(async (a: any) => ({
      ...sunsetCalendarEntry(),
      ...a,
      id: 'new-entry',
    })),
    createFeedLink: jest.fn(async () => ({
      url: 'http://localhost:7007/api/integration-health/v1/calendar/feed.ics?token=t0k3n',
    })),
    revokeFeedLink: jest.fn(async () => undefined),
    acknowledge: jest.fn(async () => {
      acknowledged = true;
      return entries()[0];
    }),
  } as unknown as IntegrationHealthApi;
}

const accountApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: 'account-api',
    namespace: 'default',
    title: 'Account API (legacy)',
  },
  spec: {
    type: 'openapi',
    lifecycle: 'production',
    owner: 'ledger-engineering',
    definition: '{}',
  },
};

const render = (api: IntegrationHealthApi) =>
  renderInTestApp(<CalendarPage />, {
    apis: [
      [integrationHealthApiRef, api],
      [catalogApiRef, catalogApiMock({ entities: [accountApi] })],
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });

describe('CalendarPage', () => {
  it('lists the entries by date with their states, and filters by state', async () => {
    const api = calendarApi();
    await render(api);
    const agenda = await screen.findByRole('list', {
      name: 'Breaking changes by date',
    });
    expect(
      within(agenda)
        .getAllByRole('button')
        .map(b => b.textContent),
    ).toEqual([
      'transaction-events 2.0.0: 1 breaking change',
      'Postings move to /ledger/postings',
    ]);
    expect(within(agenda).getAllByText(/1 pending/)).toHaveLength(2);

    await userEvent.click(screen.getByRole('button', { name: /Any state/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Acknowledged' }),
    );
    expect(
      await screen.findByText('Nothing on the calendar for these filters.'),
    ).toBeInTheDocument();
  });

  it('opens an entry, and lets an allowed user acknowledge with a note', async () => {
    const api = calendarApi();
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'transaction-events 2.0.0: 1 breaking change',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        /payload property 'accountId': required property removed/,
      ),
    ).toBeInTheDocument();
    const consumers = within(dialog).getByRole('table', {
      name: 'Consumers and their acknowledgements',
    });
    expect(within(consumers).getByText('Pending')).toBeInTheDocument();

    await userEvent.click(
      within(dialog).getByRole('button', {
        name: 'Acknowledge for account-management-legacy',
      }),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Note' }),
      'Reading accountRef from 9.8.0',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Acknowledge' }),
    );

    expect(api.acknowledge).toHaveBeenCalledWith(
      '0b6c4a8e-3a53-4f1e-9c67-5b1d7d1e2a10',
      'component:default/account-management-legacy',
      'acknowledged',
      'Reading accountRef from 9.8.0',
    );
    await waitFor(() =>
      expect(within(dialog).getByText('Acknowledged')).toBeInTheDocument(),
    );
    expect(
      within(dialog).getByText(/“Reading accountRef from 9.8.0”/),
    ).toBeInTheDocument();
  });

  it('acknowledges by keyboard: the note takes the focus, the focus stays in the dialog, and returns to the entry on close', async () => {
    const api = calendarApi();
    await render(api);
    const entry = await screen.findByRole('button', {
      name: 'transaction-events 2.0.0: 1 breaking change',
    });
    entry.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', {
      name: 'transaction-events 2.0.0: 1 breaking change',
    });
    const acknowledge = await within(dialog).findByRole('button', {
      name: 'Acknowledge for account-management-legacy',
    });
    acknowledge.focus();
    await userEvent.keyboard('{Enter}');
    expect(within(dialog).getByRole('textbox', { name: 'Note' })).toHaveFocus();
    await userEvent.keyboard('Reading accountRef from 9.8.0');
    await userEvent.tab();
    expect(
      within(dialog).getByRole('button', { name: 'Acknowledge' }),
    ).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(
        within(dialog).getByRole('button', {
          name: 'Withdraw for account-management-legacy',
        }),
      ).toHaveFocus(),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('button', {
          name: 'transaction-events 2.0.0: 1 breaking change',
        }),
      ).toHaveFocus(),
    );
  });

  it('shows a consumer whose acknowledgement an edit invalidated as needing to acknowledge again, with the earlier acknowledgement', async () => {
    const api = calendarApi();
    const reopened = eventsCalendarEntry();
    reopened.consumers[0] = {
      ...reopened.consumers[0],
      needsReacknowledgement: true,
      previousAcknowledgement: {
        action: 'acknowledged',
        byRef: 'user:default/mei.tanaka',
        at: '2026-11-20T09:00:00.000Z',
        note: 'Reading accountRef from 9.8.0',
        scopeRevision: 0,
      },
    };
    (api.getCalendar as jest.Mock).mockResolvedValue([reopened]);
    (api.getCalendarEntry as jest.Mock).mockResolvedValue({
      ...reopened,
      history: [],
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'transaction-events 2.0.0: 1 breaking change',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    const consumers = await within(dialog).findByRole('table', {
      name: 'Consumers and their acknowledgements',
    });
    expect(within(consumers).getByText('Pending')).toBeInTheDocument();
    expect(
      within(consumers).getByText('Needs re-acknowledgement'),
    ).toBeInTheDocument();
    expect(
      within(consumers).getByText(
        /on Nov 20, 2026 \(“Reading accountRef from 9.8.0”\), before the entry moved earlier or changed what it touches: that no longer counts\./,
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', {
        name: 'Acknowledge again for account-management-legacy',
      }),
    ).toBeInTheDocument();
  });

  it('marks a declared consumer with no traffic seen in production', async () => {
    const api = calendarApi();
    const quiet = eventsCalendarEntry();
    quiet.consumers[0] = {
      ...quiet.consumers[0],
      traffic: { seen: false, lastSeenAt: '2026-09-30T10:00:00.000Z' },
    };
    (api.getCalendar as jest.Mock).mockResolvedValue([quiet]);
    (api.getCalendarEntry as jest.Mock).mockResolvedValue({
      ...quiet,
      history: [],
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'transaction-events 2.0.0: 1 breaking change',
      }),
    );
    const consumers = await within(
      await screen.findByRole('dialog'),
    ).findByRole('table', { name: 'Consumers and their acknowledgements' });
    expect(
      within(consumers).getByText(
        'No traffic seen in production since Sep 30, 2026: it may no longer call this API',
      ),
    ).toBeInTheDocument();
  });

  it('shows the month with each entry on its date', async () => {
    const api = calendarApi();
    // Today, so it is in the month shown first whatever the date.
    (api.getCalendar as jest.Mock).mockResolvedValue([
      { ...eventsCalendarEntry(), effectiveAt: new Date().toISOString() },
    ]);
    await render(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Month' }));
    const month = await screen.findByRole('table', {
      name: /^Breaking changes in /,
    });
    expect(
      within(month)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(
      within(month).getByRole('button', {
        // The state in words too, not in the chip's colour alone.
        name: /^transaction-events 2\.0\.0: 1 breaking change\s*\(Pending\)$/,
      }),
    ).toBeInTheDocument();
  });

  it('says what failed and loads again on retry', async () => {
    const api = calendarApi();
    (api.getCalendar as jest.Mock).mockRejectedValueOnce(
      new Error('The backend is down'),
    );
    await render(api);
    expect(
      await screen.findByText('Could not load the calendar'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('list', { name: 'Breaking changes by date' }),
    ).toBeInTheDocument();
  });

  it('says when the feed link was created and when it stops working', async () => {
    const api = calendarApi();
    (api.getFeedStatus as jest.Mock).mockResolvedValue({
      active: true,
      createdAt: '2026-11-22T03:00:00.000Z',
      expiresAt: '2027-05-21T03:00:00.000Z',
    });
    await render(api);
    expect(
      await screen.findByText(
        'You have a feed link, created 2026-11-22; it stops working on 2027-05-21.',
      ),
    ).toBeInTheDocument();
  });

  it('creates a feed link, shows it once, and revokes it', async () => {
    const api = calendarApi();
    await render(api);
    expect(
      await screen.findByText('You have no feed link.'),
    ).toBeInTheDocument();
    (api.getFeedStatus as jest.Mock).mockResolvedValue({
      active: true,
      createdAt: '2026-11-22T03:00:00.000Z',
      expiresAt: '2027-05-21T03:00:00.000Z',
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Create a feed link' }),
    );
    expect(
      await screen.findByText(
        'http://localhost:7007/api/integration-health/v1/calendar/feed.ics?token=t0k3n',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Revoke' }),
    );
    expect(api.revokeFeedLink).toHaveBeenCalled();
  });

  it("announces a planned change, and shows the server's refusal to someone who may not", async () => {
    const api = calendarApi();
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Announce a change' }),
    );
    const dialog = await screen.findByRole('dialog');
    const announce = within(dialog).getByRole('button', { name: 'Announce' });
    expect(announce).toBeDisabled();

    await userEvent.click(
      within(dialog).getByRole('button', { name: /Choose the API/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Account API (legacy)' }),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Title' }),
      'Postings move',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Effective date/ }),
      '2027-01-15',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Affected operations/ }),
      'POST /accounts/{{accountId}/postings',
    );

    (api.announce as jest.Mock).mockRejectedValueOnce(
      new Error(
        'Only the owners of api:default/account-api or of a component providing it may announce its breaking changes',
      ),
    );
    await userEvent.click(announce);
    expect(
      await within(dialog).findByText(
        /Only the owners of api:default\/account-api/,
      ),
    ).toBeInTheDocument();

    await userEvent.click(announce);
    await waitFor(() =>
      expect(api.announce).toHaveBeenLastCalledWith({
        apiRef: 'api:default/account-api',
        title: 'Postings move',
        effectiveAt: '2027-01-15T00:00:00.000Z',
        operations: ['POST /accounts/{accountId}/postings'],
        description: undefined,
        migrationNotes: undefined,
        migrationUrl: undefined,
      }),
    );
  });
});
