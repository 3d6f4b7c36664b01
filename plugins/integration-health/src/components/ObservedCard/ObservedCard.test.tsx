import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  entitySignalKey,
  INTEGRATIONS_SIGNAL_CHANNEL,
} from '@integration-health/plugin-integration-health-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationHealthApiRef } from '../../api';
import { fakeSignals } from '../../testUtils/fakeSignals';
import { processingObservations } from '../../testUtils/fixtures';
import { ObservedCard } from './ObservedCard';

const PROCESSING = 'component:default/transaction-processing';

function renderCard(
  getEntityObservations: jest.Mock,
  signals?: ReturnType<typeof fakeSignals>,
) {
  return renderInTestApp(<ObservedCard entityRef={PROCESSING} />, {
    apis: [
      [integrationHealthApiRef, { getEntityObservations }],
      ...(signals ? [[signalApiRef, signals.api] as const] : []),
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

const items = () => within(screen.getByRole('list')).getAllByRole('listitem');

describe('ObservedCard', () => {
  it('lists every edge with its status in words, what the entity does with whom, and the numbers', async () => {
    const now = new Date();
    const api = jest.fn().mockResolvedValue(processingObservations(now));
    renderCard(api);

    expect(
      await screen.findByText(
        '1 undeclared, 1 unknown service, 1 not observed, 2 confirmed · seen in telemetry as transaction-processing',
      ),
    ).toBeInTheDocument();
    expect(api).toHaveBeenCalledWith(PROCESSING);
    const [undeclared, unknown, notObserved, confirmed, events] = items();

    expect(undeclared).toHaveTextContent('Undeclared');
    expect(undeclared).toHaveTextContent('Calls fraud-scoring');
    expect(
      within(undeclared).getByRole('link', { name: 'fraud-scoring' }),
    ).toHaveAttribute('href', '/catalog/default/component/fraud-scoring');
    expect(undeclared).toHaveTextContent(
      '4,210 calls · under 0.1% failed · p95 38 ms · last seen 2 hours ago · seen by jaeger, prometheus',
    );
    expect(within(undeclared).getByText('2 hours ago')).toHaveAttribute(
      'title',
      new Date(now.getTime() - 2 * 3_600_000).toISOString(),
    );
    expect(undeclared).toHaveTextContent(
      'component:default/transaction-processing uses component:default/fraud-scoring in production, but the catalog does not declare it',
    );

    expect(unknown).toHaveTextContent('Unknown service');
    expect(unknown).toHaveTextContent(
      'Uses the database redis-cache (name in telemetry)',
    );
    expect(within(unknown).queryByRole('link')).not.toBeInTheDocument();
    expect(unknown).toHaveTextContent(
      '880 calls · last seen 10 minutes ago · seen by prometheus',
    );

    expect(notObserved).toHaveTextContent('Not observed');
    expect(notObserved).toHaveTextContent(
      'Is called by account-management-legacy',
    );
    expect(notObserved).toHaveTextContent('no traffic seen · last seen never');
    expect(notObserved).toHaveTextContent('possibly a stale declaration');

    expect(confirmed).toHaveTextContent('Confirmed');
    expect(confirmed).toHaveTextContent('Calls transaction-validation');
    expect(confirmed).toHaveTextContent(
      '1,200 calls · 2.5% failed · p95 120 ms · last seen 3 hours ago · seen by prometheus',
    );
    expect(events).toHaveTextContent('Receives events from transaction-intake');

    // Only the undeclared edge has a declaration to add.
    expect(screen.getAllByRole('button', { name: /^Copy/ })).toHaveLength(1);
  });

  it('shows the declaration to add for an undeclared edge and copies it', async () => {
    const user = userEvent.setup();
    renderCard(jest.fn().mockResolvedValue(processingObservations()));
    const writeText = jest.spyOn(navigator.clipboard, 'writeText');

    const snippet = await screen.findByLabelText(
      'Declaration to add (component:default/fraud-scoring)',
    );
    expect(snippet.textContent).toBe(
      '# catalog-info.yaml of component:default/transaction-processing\nspec:\n  dependsOn:\n    - component:default/fraud-scoring',
    );
    expect(screen.queryByText('Copied')).not.toBeInTheDocument();

    await user.click(
      screen.getByRole('button', {
        name: 'Copy the declaration (component:default/fraud-scoring)',
      }),
    );

    expect(await screen.findByRole('status')).toHaveTextContent('Copied');
    expect(writeText).toHaveBeenCalledWith(snippet.textContent);
  });

  it('says when the browser refuses to copy', async () => {
    const user = userEvent.setup();
    renderCard(jest.fn().mockResolvedValue(processingObservations()));
    jest
      .spyOn(navigator.clipboard, 'writeText')
      .mockRejectedValue(new DOMException('Write permission denied'));

    await user.click(await screen.findByRole('button', { name: /^Copy/ }));

    expect(await screen.findByRole('status')).toHaveTextContent(
      'Could not copy: select the lines and copy them yourself',
    );
  });

  it('says which sources are stale, since when, and why', async () => {
    renderCard(jest.fn().mockResolvedValue(processingObservations()));

    expect(
      await screen.findByText(
        'Source jaeger is stale: last success 3 hours ago',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Its last attempt 5 minutes ago failed: GET /api/dependencies answered 503 Service Unavailable. What it saw before is kept.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/prometheus is stale/)).not.toBeInTheDocument();
  });

  it('says when a stale source has never answered in full', async () => {
    const data = processingObservations();
    data.sources = [
      {
        source: 'prometheus',
        lastAttemptAt: new Date().toISOString(),
        lastError: 'connect ECONNREFUSED',
        stale: true,
      },
    ];
    renderCard(jest.fn().mockResolvedValue(data));
    expect(
      await screen.findByText(
        'Source prometheus is stale: it has never answered in full',
      ),
    ).toBeInTheDocument();
  });

  it('says observation sources are not configured, and where to read how', async () => {
    renderCard(
      jest.fn().mockResolvedValue({
        entityRef: PROCESSING,
        telemetryNames: ['transaction-processing'],
        sources: [],
        edges: [],
      }),
    );
    expect(
      await screen.findByText(
        /^No observation sources are configured; see "Observed integrations" in the Integration Health README/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('says when the sources saw nothing for the entity, under which name', async () => {
    const data = processingObservations();
    data.edges = [];
    data.sources = data.sources.map(s => ({ ...s, stale: false }));
    renderCard(jest.fn().mockResolvedValue(data));
    expect(
      await screen.findByText(
        'No traffic to or from this entity was seen under the telemetry name transaction-processing.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/not configured/)).not.toBeInTheDocument();
  });

  it('shows the error and loads again on retry', async () => {
    const api = jest
      .fn()
      .mockRejectedValueOnce(new Error('Request failed with 503'))
      .mockResolvedValueOnce(processingObservations());
    renderCard(api);

    expect(
      await screen.findByText('Could not load observed integrations'),
    ).toBeInTheDocument();
    expect(screen.getByText('Request failed with 503')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByText(/^1 undeclared/)).toBeInTheDocument();
    expect(
      screen.queryByText('Could not load observed integrations'),
    ).not.toBeInTheDocument();
  });

  it('shows a loading state while the request is under way', async () => {
    renderCard(jest.fn(() => new Promise(() => {})));
    expect(
      await screen.findByLabelText('Loading observed integrations'),
    ).toBeInTheDocument();
  });

  it('loads again when the backend says the entity changed', async () => {
    const signals = fakeSignals();
    const data = processingObservations();
    const api = jest
      .fn()
      .mockResolvedValueOnce({ ...data, edges: [] })
      .mockResolvedValueOnce(data);
    renderCard(api, signals);
    expect(
      await screen.findByText(/^No traffic to or from this entity/),
    ).toBeInTheDocument();

    act(() =>
      signals.send(INTEGRATIONS_SIGNAL_CHANNEL, {
        entityKeys: [entitySignalKey('component:default/other')],
      }),
    );
    act(() =>
      signals.send(INTEGRATIONS_SIGNAL_CHANNEL, {
        entityKeys: [entitySignalKey(PROCESSING)],
      }),
    );

    expect(await screen.findByText(/^1 undeclared/)).toBeInTheDocument();
    await waitFor(() => expect(api).toHaveBeenCalledTimes(2));
  });
});
