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
  integrationHealthPlugin,
} from './plugin';
import {
  processingEntity,
  processingGraph,
  processingIntegrations,
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
});
