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
  EntityIntegrationHealthBreakingChangesCard,
  EntityIntegrationHealthCalendarCard,
  EntityIntegrationHealthContent,
  EntityIntegrationHealthDependencyMapCard,
  EntityIntegrationHealthIncidentsCard,
  EntityIntegrationHealthSpecHistoryCard,
  EntityIntegrationHealthSummaryCard,
  IntegrationHealthCalendarPage,
  IntegrationHealthScorecardPage,
  integrationHealthPlugin,
} from './plugin';
import { Route, Routes } from 'react-router-dom';
import { signalApiRef } from '@backstage/plugin-signals-react';
import userEvent from '@testing-library/user-event';
import {
  eventBreakingChanges,
  eventsApiEntity,
  eventsApiIntegrations,
  eventsCalendarEntry,
  eventVersions,
  processingEntity,
  processingGraph,
  processingIntegrations,
  processingObservations,
  processingTrend,
  sunsetCalendarEntry,
} from './testUtils/fixtures';
import { Entity } from '@backstage/catalog-model';
import { IntegrationIncident } from '@integration-health/plugin-integration-health-common';

/** A card on its own, as an adopter places it on an entity page. */
function renderCard(
  element: JSX.Element,
  entity: Entity,
  api: object,
  moreApis: [any, any][] = [],
) {
  return renderInTestApp(
    <TestApiProvider apis={[[integrationHealthApiRef, api], ...moreApis]}>
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const noSignals: [any, any] = [
  signalApiRef,
  { subscribe: () => ({ unsubscribe: () => {} }) },
];

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
      getEntityObservations: jest
        .fn()
        .mockResolvedValue(processingObservations()),
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
      await screen.findByRole('group', {
        name: /^Dependency map with 4 entities/,
      }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Undeclared')).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Copy the declaration (component:default/fraud-scoring)',
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

  it("renders the health summary card on an API with its integrations' health", async () => {
    await renderCard(<EntityIntegrationHealthSummaryCard />, eventsApiEntity, {
      getHealthTrend: jest.fn().mockResolvedValue([]),
      getEntityIntegrations: jest
        .fn()
        .mockResolvedValue(eventsApiIntegrations()),
    });
    expect(
      (await screen.findByText('Contract freshness')).nextSibling,
    ).toHaveTextContent('75');
    expect(
      (await screen.findByText('Mock freshness')).nextSibling,
    ).toHaveTextContent('40');
    expect(screen.getByText(/2 of 3 have any/)).toBeInTheDocument();
  });

  it('renders the spec history card of the API in context', async () => {
    const api = { getSpecVersions: jest.fn().mockResolvedValue(eventVersions) };
    await renderCard(
      <EntityIntegrationHealthSpecHistoryCard />,
      eventsApiEntity,
      api,
    );
    expect(await screen.findByText('Version 2.0.0')).toBeInTheDocument();
    expect(screen.getByText('1 breaking')).toBeInTheDocument();
    expect(api.getSpecVersions).toHaveBeenCalledWith(
      'api:default/transaction-events',
    );
  });

  it("renders the breaking changes card for an API and for a component's consumed APIs", async () => {
    const api = {
      getBreakingChanges: jest.fn().mockResolvedValue(eventBreakingChanges),
    };
    const { unmount } = await renderCard(
      <EntityIntegrationHealthBreakingChangesCard />,
      eventsApiEntity,
      api,
    );
    expect(
      await screen.findByText('Breaking changes in this API'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        "message TransactionBooked payload property 'accountId': required property removed",
      ),
    ).toBeInTheDocument();
    unmount();

    await renderCard(
      <EntityIntegrationHealthBreakingChangesCard />,
      processingEntity,
      { getBreakingChanges: jest.fn().mockResolvedValue([]) },
    );
    expect(
      await screen.findByText(
        'Breaking changes in the APIs this service consumes',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'No breaking change recorded in the spec history.',
      ),
    ).toBeInTheDocument();
  });

  it('renders the incidents card with the integrations of the entity in context', async () => {
    const integrations = eventsApiIntegrations();
    const [legacy] = integrations.downstream;
    const incident: IntegrationIncident = {
      id: 'inc-1',
      integrationId: legacy.id,
      consumerRef: legacy.consumerRef,
      providerRef: legacy.providerRef,
      apiRef: legacy.apiRef,
      title: 'Card payments not booked',
      occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      impact: { durationMinutes: 95 },
      postmortemUrls: [],
      recordedBy: 'user:default/mei.tanaka',
      recordedAt: new Date().toISOString(),
      updatedBy: 'user:default/mei.tanaka',
      updatedAt: new Date().toISOString(),
      canEdit: false,
    };
    const api = {
      getEntityIntegrations: jest.fn().mockResolvedValue(integrations),
      getEntityIncidents: jest.fn().mockResolvedValue([incident]),
      getIntegrationTrend: jest.fn().mockResolvedValue([]),
    };
    await renderCard(
      <EntityIntegrationHealthIncidentsCard />,
      eventsApiEntity,
      api,
    );
    expect(
      await screen.findByRole('region', {
        name: 'Incidents at account-management-legacy → transaction-processing (transaction-events)',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Card payments not booked')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Record an incident' }),
    ).toBeInTheDocument();
    expect(api.getEntityIncidents).toHaveBeenCalledWith(
      'api:default/transaction-events',
    );
  });

  it('says so when the entity in context has no integrations to record incidents at', async () => {
    await renderCard(
      <EntityIntegrationHealthIncidentsCard />,
      processingEntity,
      {
        getEntityIntegrations: jest.fn().mockResolvedValue({
          entityRef: 'component:default/transaction-processing',
          upstream: [],
          downstream: [],
        }),
      },
    );
    expect(
      await screen.findByText(/No integrations recorded for this entity/),
    ).toBeInTheDocument();
  });

  it('renders the dependency map card around the entity in context', async () => {
    const api = {
      getGraph: jest.fn().mockResolvedValue(processingGraph()),
      getBlastRadius: jest.fn(),
    };
    await renderCard(
      <EntityIntegrationHealthDependencyMapCard />,
      processingEntity,
      api,
    );
    expect(
      await screen.findByRole('group', {
        name: /^Dependency map with 4 entities/,
      }),
    ).toBeInTheDocument();
    expect(api.getGraph).toHaveBeenCalledWith(
      'component:default/transaction-processing',
      { direction: 'both', depth: 2, edges: 'declared' },
    );
  });

  it("renders the calendar card with an API's own entries", async () => {
    const api = {
      getCalendar: jest
        .fn()
        .mockResolvedValue([eventsCalendarEntry(), sunsetCalendarEntry()]),
    };
    await renderCard(
      <EntityIntegrationHealthCalendarCard />,
      eventsApiEntity,
      api,
      [noSignals],
    );
    expect(
      await screen.findByRole('button', {
        name: 'transaction-events 2.0.0: 1 breaking change',
      }),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Postings move to /ledger/postings'),
    ).not.toBeInTheDocument();
  });

  it("renders the calendar card with a component's provided APIs and the changes that reach it", async () => {
    const provider: Entity = {
      ...processingEntity,
      relations: [
        { type: 'providesApi', targetRef: 'api:default/transaction-events' },
      ],
    };
    await renderCard(
      <EntityIntegrationHealthCalendarCard />,
      provider,
      {
        getCalendar: jest
          .fn()
          .mockResolvedValue([eventsCalendarEntry(), sunsetCalendarEntry()]),
      },
      [noSignals],
    );
    // Its own API's change, and the sunset it consumes.
    expect(
      await screen.findByRole('button', {
        name: 'transaction-events 2.0.0: 1 breaking change',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Postings move to /ledger/postings' }),
    ).toBeInTheDocument();
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
