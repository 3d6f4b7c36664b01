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
  integrationHealthPlugin,
} from './plugin';
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
});
