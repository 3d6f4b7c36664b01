import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationHealthApi, integrationHealthApiRef } from '../../api';
import {
  DependencyGraph,
  GraphEdgeView,
} from '@integration-health/plugin-integration-health-common';
import { processingGraph } from '../../testUtils/fixtures';
import { DependencyMap } from './DependencyMap';

const ROOT = 'component:default/transaction-processing';

const QA = 'component:default/qa-mock-server';

/**
 * The map with what telemetry saw: processing's call to validation
 * confirmed with 6% failing, nobody seen on the event bus, and the QA mock
 * server calling processing without any declaration.
 */
function observedGraph(view: GraphEdgeView): DependencyGraph {
  const graph = processingGraph();
  const toValidation = graph.edges.find(e =>
    e.providerRef.endsWith('/transaction-validation'),
  )!;
  const toBus = graph.edges.find(e => e.providerRef.endsWith('/event-bus'))!;
  const base = { connectionType: '', sources: ['tempo'], reason: '' };
  return {
    ...graph,
    view,
    nodes: [...graph.nodes, { ref: QA, depth: 1 }],
    edges: view === 'observed' ? [] : graph.edges,
    observed: [
      {
        ...base,
        id: 'observed:validation',
        status: 'confirmed',
        consumerRef: toValidation.consumerRef,
        providerRef: toValidation.providerRef,
        integrationId: toValidation.id,
        calls: 5000,
        failureRate: 0.06,
      },
      {
        ...base,
        id: 'observed:qa',
        status: 'undeclared',
        consumerRef: QA,
        providerRef: ROOT,
        calls: 40,
      },
      ...(view === 'both'
        ? [
            {
              ...base,
              id: 'not-observed:bus',
              status: 'not-observed' as const,
              consumerRef: toBus.consumerRef,
              providerRef: toBus.providerRef,
              integrationId: toBus.id,
              calls: 0,
              sources: [],
            },
          ]
        : []),
    ],
  };
}

function graphApi() {
  return {
    getGraph: jest.fn(
      async (_ref: string, options: { edges?: GraphEdgeView }) =>
        options.edges && options.edges !== 'declared'
          ? observedGraph(options.edges)
          : processingGraph(),
    ),
    getBlastRadius: jest.fn(async (_ref, _depth, follow) => ({
      apiRef: 'api:default/transaction-validation-api',
      consumers: [
        { ref: ROOT, depth: 1, path: [] },
        ...(follow === 'both'
          ? [{ ref: QA, depth: 2, path: [], via: 'observed' }]
          : []),
      ],
      truncated: { depth: false, nodes: false },
    })),
  } as unknown as IntegrationHealthApi;
}

const render = (api = graphApi()) =>
  renderInTestApp(<DependencyMap entityRef={ROOT} />, {
    apis: [[integrationHealthApiRef, api]],
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

  it('toggles observed edges: an undeclared caller appears, each edge says what production saw, and the blast radius follows it', async () => {
    const api = graphApi();
    await render(api);
    await screen.findByRole('group', { name: /^Dependency map/ });
    await userEvent.click(
      screen.getByRole('button', { name: 'Declared + observed' }),
    );
    const map = await screen.findByRole('group', {
      name: 'Dependency map with 5 entities and 4 integrations',
    });
    expect(api.getGraph).toHaveBeenLastCalledWith(ROOT, {
      direction: 'both',
      depth: 2,
      edges: 'both',
    });
    expect(
      within(map).getByRole('link', { name: /^qa-mock-server/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/dash-dot blue: seen in production but not declared/),
    ).toBeInTheDocument();

    await userEvent.selectOptions(
      screen.getByLabelText('Blast radius of a change to'),
      'api:default/transaction-validation-api',
    );
    expect(
      await screen.findByText(
        '2 consumers reached, 1 only through calls seen in production',
      ),
    ).toBeInTheDocument();
    expect(api.getBlastRadius).toHaveBeenLastCalledWith(
      'api:default/transaction-validation-api',
      4,
      'both',
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Show as table' }),
    );
    const integrations = screen.getByRole('table', {
      name: 'Integrations on the dependency map (4)',
    });
    const row = (name: RegExp) =>
      within(integrations).getByRole('row', { name }).textContent;
    expect(row(/qa-mock-server/)).toContain(
      'Not declaredUndeclared: 40 calls, not in the catalog',
    );
    expect(row(/component:default\/transaction-validation\s/)).toContain(
      'Observed: 5,000 calls, 6.0% failed',
    );
    expect(row(/event-bus/)).toContain('Not observed: no traffic seen');

    // Observed only: the declared edges nobody saw are gone.
    await userEvent.click(screen.getByRole('button', { name: 'Observed' }));
    expect(
      await screen.findByRole('table', {
        name: 'Integrations on the dependency map (2)',
      }),
    ).toBeInTheDocument();
  });
});
