import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { integrationHealthApiRef } from './api';
import {
  EntityIntegrationHealthContent,
  EntityIntegrationHealthSummaryCard,
  IntegrationHealthCalendarPage,
  IntegrationHealthScorecardPage,
  integrationHealthPlugin,
} from './plugin';
import { Route, Routes } from 'react-router-dom';
import { signalApiRef } from '@backstage/plugin-signals-react';
import userEvent from '@testing-library/user-event';
import {
  processingEntity,
  processingGraph,
  processingIntegrations,
  processingTrend,
} from './testUtils/fixtures';

describe('legacy frontend system', () => {
  it('exports a plugin with the id the backend serves', () => {
    expect(integrationHealthPlugin.getId()).toBe('integration-health');
  });

  it('renders the Integrations tab content in a legacy app', async () => {
    const api = {
      getEntityIntegrations: jest
        .fn()
        .mockResolvedValue(processingIntegrations()),
      getLatestSyncRun: jest.fn(),
      getGraph: jest.fn().mockResolvedValue(processingGraph()),
      getBlastRadius: jest.fn(),
      getBreakingChanges: jest.fn().mockResolvedValue([]),
      getSpecVersions: jest.fn(),
      getSpecChanges: jest.fn(),
      getHealthTrend: jest.fn().mockResolvedValue(processingTrend()),
      getEvidenceSources: jest.fn().mockResolvedValue([]),
      getEntityIncidents: jest.fn().mockResolvedValue([]),
      getCalendar: jest.fn().mockResolvedValue([]),
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [integrationHealthApiRef, api],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <EntityProvider entity={processingEntity}>
          <EntityIntegrationHealthContent />
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    expect(
      await screen.findByText(/2 upstream, 1 downstream/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Upstream: what Transaction processing depends on'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('No accountable owner')).toHaveLength(1);
    expect(screen.getByText('Invalid accountable owner')).toBeInTheDocument();
    expect(
      await screen.findByRole('img', {
        name: /^Dependency map with 4 entities/,
      }),
    ).toBeInTheDocument();
  });

  it('renders the health summary card in a legacy app, for a team too', async () => {
    const api = {
      getHealthTrend: jest.fn().mockResolvedValue(processingTrend()),
    };
    const team = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'ledger-engineering', namespace: 'default' },
      spec: { type: 'team', children: [] },
    };
    await renderInTestApp(
      <TestApiProvider apis={[[integrationHealthApiRef, api]]}>
        <EntityProvider entity={team}>
          <EntityIntegrationHealthSummaryCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      (await screen.findByText('Contract freshness')).nextSibling,
    ).toHaveTextContent('55');
    expect(api.getHealthTrend).toHaveBeenCalledWith(
      'group:default/ledger-engineering',
      30,
    );
  });

  it('renders the scorecard page in a legacy app, with its drill-down', async () => {
    const api = {
      getScorecard: jest.fn().mockResolvedValue({
        kind: 'team',
        day: '2026-11-22',
        windowDays: 30,
        rows: [
          {
            ref: 'group:default/ledger-engineering',
            integrations: 3,
            asProvider: 1,
            asConsumer: 2,
            ownedShare: 1,
            mock: 19,
            evidenceShare: 0.333,
            breakingChanges: { announced: 0, pending: 1, overdue: 0 },
            incidents: {
              count: 1,
              durationMinutes: 95,
              affectedTransactions: 0,
              money: {},
            },
            trend: {},
          },
        ],
      }),
      getScorecardIntegrations: jest.fn().mockResolvedValue({
        subjectRef: 'group:default/ledger-engineering',
        windowDays: 30,
        total: 0,
        items: [],
      }),
    };
    await renderInTestApp(
      <TestApiProvider apis={[[integrationHealthApiRef, api]]}>
        <Routes>
          <Route
            path="/integration-health/scorecard"
            element={<IntegrationHealthScorecardPage />}
          />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/integration-health/scorecard'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('link', { name: 'ledger-engineering' }),
    ).toHaveAttribute('href', '/catalog/default/group/ledger-engineering');
    expect(screen.getByText('95 min')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Integrations of group:default/ledger-engineering',
      }),
    );
    expect(
      await screen.findByText(
        'No current integration counts for ledger-engineering.',
      ),
    ).toBeInTheDocument();
  });

  it('renders the calendar page in a legacy app', async () => {
    const api = {
      getCalendar: jest.fn().mockResolvedValue([]),
      getFeedStatus: jest.fn().mockResolvedValue({ active: false }),
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [integrationHealthApiRef, api],
          [signalApiRef, { subscribe: () => ({ unsubscribe: () => {} }) }],
        ]}
      >
        <Routes>
          <Route
            path="/integration-health/calendar"
            element={<IntegrationHealthCalendarPage />}
          />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/integration-health/calendar'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('heading', { name: 'Breaking-change calendar' }),
    ).toBeInTheDocument();
    expect(api.getCalendar).toHaveBeenCalled();
  });
});
