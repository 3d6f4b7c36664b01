import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationHealthApi, integrationHealthApiRef } from '../../api';
import { processingGraph } from '../../testUtils/fixtures';
import { DependencyMap } from './DependencyMap';

const ROOT = 'component:default/transaction-processing';

function graphApi() {
  return {
    getGraph: jest.fn().mockResolvedValue(processingGraph()),
    getBlastRadius: jest.fn().mockResolvedValue({
      apiRef: 'api:default/transaction-validation-api',
      consumers: [{ ref: ROOT, depth: 1, path: [] }],
      truncated: { depth: false, nodes: false },
    }),
  } as unknown as IntegrationHealthApi;
}

const render = () =>
  renderInTestApp(<DependencyMap entityRef={ROOT} />, {
    apis: [[integrationHealthApiRef, graphApi()]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });

const tab = async () => {
  await userEvent.tab();
  return document.activeElement;
};

describe('DependencyMap', () => {
  it('is a group of links, none inside another, reached by Tab from consumer to provider, each named by entity and health', async () => {
    await render();
    const map = await screen.findByRole('group', {
      name: 'Dependency map with 4 entities and 3 integrations',
    });
    const links = within(map).getAllByRole('link');
    expect(links).toHaveLength(4);
    for (const link of links) {
      expect(link.querySelector('a, button, [tabindex]')).toBeNull();
    }

    // From the last control before the map, Tab walks its nodes in reading
    // order: the consumer, the entity itself, then its providers.
    screen.getByRole('button', { name: 'Show as table' }).focus();
    const names: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      names.push((await tab())?.getAttribute('aria-label') ?? null);
    }
    expect(names[0]).toBe(
      'account-management-legacy, component:default/account-management-legacy: no evidence for its integrations here',
    );
    expect(names[1]).toBe(
      'transaction-processing (this entity), component:default/transaction-processing: no evidence for its integrations here',
    );
    expect(names.slice(2).sort()).toEqual([
      'resource: event-bus, resource:default/event-bus: no evidence for its integrations here',
      'transaction-validation, component:default/transaction-validation: lowest score 60 (fair); 1 of 1 integrations here have evidence',
    ]);
  });

  it('says in each name whether a chosen change reaches the node', async () => {
    await render();
    await screen.findByRole('group', { name: /^Dependency map/ });
    await userEvent.selectOptions(
      screen.getByLabelText('Blast radius of a change to'),
      'api:default/transaction-validation-api',
    );
    expect(await screen.findByText('1 consumers reached')).toBeInTheDocument();
    const map = screen.getByRole('group', { name: /^Dependency map/ });
    expect(
      within(map).getByRole('link', {
        name: 'transaction-processing (this entity), component:default/transaction-processing: no evidence for its integrations here; in the blast radius of api:default/transaction-validation-api',
      }),
    ).toBeInTheDocument();
    expect(
      within(map).getByRole('link', {
        name: 'resource: event-bus, resource:default/event-bus: no evidence for its integrations here; outside the blast radius',
      }),
    ).toBeInTheDocument();
  });

  it('shows the same nodes and edges as tables, one click away, and back', async () => {
    await render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show as table' }),
    );
    expect(
      screen.queryByRole('group', { name: /^Dependency map/ }),
    ).not.toBeInTheDocument();
    const entities = screen.getByRole('table', {
      name: 'Entities on the dependency map (4), consumers first',
    });
    const rows = within(entities).getAllByRole('row').slice(1);
    expect(rows.map(r => within(r).getByRole('link').textContent)).toEqual([
      'component:default/account-management-legacy',
      'component:default/transaction-processing',
      expect.any(String),
      expect.any(String),
    ]);
    expect(
      within(entities).getByRole('row', { name: /transaction-validation/ })
        .textContent,
    ).toContain('lowest score 60 (fair)');
    expect(
      within(entities).getByRole('link', {
        name: 'resource:default/event-bus',
      }),
    ).toHaveAttribute('href', '/catalog/default/resource/event-bus');

    const integrations = screen.getByRole('table', {
      name: 'Integrations on the dependency map (3)',
    });
    expect(within(integrations).getAllByRole('row')).toHaveLength(4);
    expect(
      within(integrations).getByRole('row', { name: /event-bus/ }).textContent,
    ).toContain('None');

    await userEvent.click(screen.getByRole('button', { name: 'Show as map' }));
    expect(
      screen.getByRole('group', { name: /^Dependency map/ }),
    ).toBeInTheDocument();
  });
});
