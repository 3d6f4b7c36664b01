import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { BriefSubject } from '@integration-health/plugin-integration-health-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationHealthApi, integrationHealthApiRef } from '../../api';
import { BriefDialog } from './BriefDialog';
import { emptyBrief, ledgerPaymentsBrief } from './briefFixtures';

// Written so that the linter does not take the test data for a link to run.
const SCRIPT_LINK = ['javascript', 'alert(1)'].join(':');

const subject: BriefSubject = {
  kind: 'teams',
  teamRefs: [
    'group:default/ledger-engineering',
    'group:default/payments-engineering',
  ],
};
const now = new Date('2026-11-22T12:00:00Z');

function briefApi(
  getBrief: IntegrationHealthApi['getBrief'] = jest.fn(async () =>
    ledgerPaymentsBrief(),
  ),
) {
  return {
    getBrief,
    getBriefMarkdown: jest.fn(async () => '# ledger ↔ payments\n'),
  } as unknown as IntegrationHealthApi & {
    getBrief: jest.Mock;
    getBriefMarkdown: jest.Mock;
  };
}

const render = (api: IntegrationHealthApi, onClose = jest.fn()) =>
  renderInTestApp(
    <BriefDialog subject={subject} isOpen onClose={onClose} now={now} />,
    {
      apis: [[integrationHealthApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );

const section = (name: string) =>
  screen.getByRole('region', { name }) as HTMLElement;

describe('BriefDialog', () => {
  it('previews the brief: integrations, incidents, breaking changes, scores, findings and each fact with its source', async () => {
    const api = briefApi();
    await render(api);

    expect(
      await screen.findByRole('heading', {
        name: 'ledger-engineering ↔ payments-engineering',
      }),
    ).toBeInTheDocument();
    expect(api.getBrief).toHaveBeenCalledWith(subject, {
      from: '2026-08-24',
      to: '2026-11-22',
    });
    expect(
      screen.getByText(/Aug 24, 2026 to Nov 22, 2026/),
    ).toBeInTheDocument();

    const integrations = within(section('Integrations'));
    const row = integrations.getByRole('row', {
      name: /legacy-account-system → transaction-processing/,
    });
    expect(
      within(row).getByRole('link', {
        name: 'legacy-account-system → transaction-processing',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/legacy-account-system/integrations',
    );
    expect(within(row).getByText('via transaction-events')).toBeInTheDocument();
    expect(
      within(row)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'event',
      'ledger-engineering',
      'payments-engineering',
      'payments-engineering',
    ]);

    const incident = within(section('Incidents')).getByRole('article', {
      name: 'Ledger postings rejected after the event schema change',
    });
    for (const text of [
      '2026-11-18 14:05 UTC until 2026-11-18 15:40 UTC',
      '95 min',
      '1,200 transactions · EUR 48,200.50',
      'Calendar: transaction-events v3: amount in minor units · transaction-events · spec version 3.0.0',
      '2026-11-17: contract 40, mocks 19',
    ]) {
      expect(within(incident).getByText(text)).toBeInTheDocument();
    }
    expect(
      within(incident).getByRole('link', {
        name: 'Mock: The consumer mocks still sent amounts in major units',
      }),
    ).toHaveAttribute(
      'href',
      'https://git.example.com/ledger/mocks/transaction-events.json',
    );

    const change = within(section('Breaking changes')).getByRole('article', {
      name: 'transaction-events v3: amount in minor units',
    });
    expect(
      within(change).getByText(
        'transaction-events · Announced on Nov 4, 2026 · effective Nov 18, 2026 · notice: 14 days',
      ),
    ).toBeInTheDocument();
    expect(
      within(change)
        .getAllByRole('row')
        .slice(1)
        .map(r => r.textContent),
    ).toEqual([
      'legacy-account-systemAcknowledged, on Nov 19, 2026, 1 day after the date',
      'ledger-reportsPending',
    ]);

    expect(
      within(section('Score timeline')).getByRole('img', {
        name: 'Mocks: from 60 to 19 over 3 days',
      }),
    ).toBeInTheDocument();
    expect(
      within(section('Open findings')).getByText(
        /warning: The consumer mocks are 21 days older than the spec/,
      ),
    ).toBeInTheDocument();

    const facts = within(screen.getByRole('list', { name: 'Facts' }))
      .getAllByRole('listitem')
      .map(li => li.textContent);
    expect(facts).toEqual([
      'The change was announced 14 days before it took effect. (Source: Breaking-change calendar)',
      'legacy-account-system acknowledged the change 1 day after it took effect. (Source: Acknowledgement trail)',
      'The consumer mocks were out of sync at the time of the incident. (Source: Mock file)',
    ]);
    expect(
      screen.getByRole('link', { name: 'Breaking-change calendar' }),
    ).toHaveAttribute('href', '/integration-health/calendar?entry=entry-7');
    expect(
      screen.queryByRole('link', { name: 'Acknowledgement trail' }),
    ).not.toBeInTheDocument();
  });

  it('shows a link it cannot trust as text', async () => {
    const brief = ledgerPaymentsBrief({
      facts: [{ text: 'A fact.', source: 'Elsewhere', link: SCRIPT_LINK }],
    });
    await render(briefApi(jest.fn(async () => brief)));
    expect(await screen.findByText('(Source: Elsewhere)')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Elsewhere' }),
    ).not.toBeInTheDocument();
  });

  it('says what is missing when the window holds nothing', async () => {
    await render(briefApi(jest.fn(async () => emptyBrief())));
    expect(
      await screen.findByText('No incidents recorded in this window.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No breaking changes in this window.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No open findings.')).toBeInTheDocument();
  });

  it('loads the brief again for another window', async () => {
    const api = briefApi();
    await render(api);
    await screen.findByRole('heading', {
      name: 'ledger-engineering ↔ payments-engineering',
    });
    expect(
      screen.getByRole('button', { name: 'Last 90 days' }),
    ).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(
      screen.getByRole('button', { name: 'Last 365 days' }),
    );
    await waitFor(() =>
      expect(api.getBrief).toHaveBeenLastCalledWith(subject, {
        from: '2025-11-22',
        to: '2026-11-22',
      }),
    );
    expect(
      screen.getByRole('button', { name: 'Last 365 days' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(api.getBrief).toHaveBeenCalledTimes(2);
  });

  it('downloads the brief for the chosen window as a Markdown file', async () => {
    const api = briefApi();
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:brief');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const names: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        names.push(this.download);
      });
    try {
      await render(api);
      await screen.findByRole('heading', {
        name: 'ledger-engineering ↔ payments-engineering',
      });
      await userEvent.click(
        screen.getByRole('button', { name: 'Last 30 days' }),
      );
      await userEvent.click(
        screen.getByRole('button', { name: 'Download Markdown' }),
      );
      await waitFor(() =>
        expect(names).toEqual([
          'integration-brief-ledger-engineering-and-payments-engineering.md',
        ]),
      );
      expect(api.getBriefMarkdown).toHaveBeenCalledWith(subject, {
        from: '2026-10-23',
        to: '2026-11-22',
      });
      const blob = createObjectURL.mock.calls[0][0];
      expect(blob.type).toBe('text/markdown');
      await expect(blob.text()).resolves.toBe('# ledger ↔ payments\n');
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:brief');
    } finally {
      click.mockRestore();
    }
  });

  it('says why the download failed', async () => {
    const api = briefApi();
    api.getBriefMarkdown.mockRejectedValueOnce(new Error('backend is away'));
    await render(api);
    await screen.findByRole('heading', {
      name: 'ledger-engineering ↔ payments-engineering',
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Download Markdown' }),
    );
    expect(
      await screen.findByText('Could not download the brief'),
    ).toBeInTheDocument();
    expect(screen.getByText('backend is away')).toBeInTheDocument();
  });

  it('shows the error and loads again on retry', async () => {
    const getBrief = jest
      .fn()
      .mockRejectedValueOnce(new Error('Request failed with 404 Not Found'))
      .mockResolvedValue(ledgerPaymentsBrief());
    await render(briefApi(getBrief));
    expect(
      await screen.findByText('Could not load the brief'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Request failed with 404 Not Found'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('heading', {
        name: 'ledger-engineering ↔ payments-engineering',
      }),
    ).toBeInTheDocument();
  });

  it('closes from its footer', async () => {
    const onClose = jest.fn();
    await render(briefApi(), onClose);
    await screen.findByRole('heading', {
      name: 'ledger-engineering ↔ payments-engineering',
    });
    // The footer's button; the header's has only an icon.
    const [footerClose] = screen
      .getAllByRole('button', { name: 'Close' })
      .filter(button => button.textContent === 'Close');
    await userEvent.click(footerClose);
    expect(onClose).toHaveBeenCalled();
  });
});
