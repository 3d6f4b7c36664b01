import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { screen } from '@testing-library/react';
import { IntegrationHealthApi, integrationHealthApiRef } from '../../api';
import {
  eventsApiEntity,
  eventsApiIntegrations,
  processingEntity,
  processingTrend,
} from '../../testUtils/fixtures';
import { HealthSummaryCard } from './HealthSummaryCard';

function renderCard(entity: Entity, api: Partial<IntegrationHealthApi>) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <HealthSummaryCard />
    </EntityProvider>,
    { apis: [[integrationHealthApiRef, api]] },
  );
}

const valueOf = async (label: string) =>
  (await screen.findByText(label)).nextSibling;

describe('HealthSummaryCard', () => {
  it("shows an API's health from the integrations that go through it", async () => {
    const api = {
      getHealthTrend: jest.fn().mockResolvedValue([]),
      getEntityIntegrations: jest
        .fn()
        .mockResolvedValue(eventsApiIntegrations()),
    };
    await renderCard(eventsApiEntity, api);

    expect(await valueOf('Contract freshness')).toHaveTextContent('75');
    expect(await valueOf('Mock freshness')).toHaveTextContent('40');
    expect(
      screen.getByText(
        /Means over the integrations through this API with evidence: 2 of 3 have any\. 1 without an accountable owner\./,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/No health recorded yet/),
    ).not.toBeInTheDocument();
    expect(api.getEntityIntegrations).toHaveBeenCalledWith(
      'api:default/transaction-events',
    );
  });

  it('says so when no integration goes through the API', async () => {
    await renderCard(eventsApiEntity, {
      getHealthTrend: jest.fn().mockResolvedValue([]),
      getEntityIntegrations: jest.fn().mockResolvedValue({
        entityRef: 'api:default/transaction-events',
        upstream: [],
        downstream: [],
      }),
    });
    expect(
      await screen.findByText(/No integrations go through this API yet/),
    ).toBeInTheDocument();
  });

  it("prefers an API's recorded days, with their trend, when the sync keeps them", async () => {
    await renderCard(eventsApiEntity, {
      getHealthTrend: jest.fn().mockResolvedValue(processingTrend()),
      getEntityIntegrations: jest
        .fn()
        .mockResolvedValue(eventsApiIntegrations()),
    });
    expect(await valueOf('Contract freshness')).toHaveTextContent('55');
    expect(
      screen.getByRole('img', {
        name: 'Contract freshness, last 30 days: from 40 to 55 over 30 days',
      }),
    ).toBeInTheDocument();
  });

  it("shows a component's recorded days without asking for its integrations", async () => {
    const api = {
      getHealthTrend: jest.fn().mockResolvedValue(processingTrend()),
      getEntityIntegrations: jest.fn(),
    };
    await renderCard(processingEntity, api);
    expect(await valueOf('Contract freshness')).toHaveTextContent('55');
    expect(screen.getByText(/As of/)).toBeInTheDocument();
    expect(api.getEntityIntegrations).not.toHaveBeenCalled();
  });

  it('says so when nothing is recorded for a component yet', async () => {
    await renderCard(processingEntity, {
      getHealthTrend: jest.fn().mockResolvedValue([]),
    });
    expect(
      await screen.findByText(/No health recorded yet/),
    ).toBeInTheDocument();
  });
});
