import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationHealthApi, integrationHealthApiRef } from '../../api';
import {
  eventBreakingChanges,
  eventChanges,
  eventVersions,
  eventsApiEntity,
  eventsApiIntegrations,
  processingEntity,
  processingGraph,
  processingIntegrations,
  processingObservations,
  processingTrend,
} from '../../testUtils/fixtures';
import { ledgerPaymentsBrief } from '../Brief/briefFixtures';
import { EntityIntegrationsContent } from './EntityIntegrationsContent';

function mockApi(
  getEntityIntegrations: IntegrationHealthApi['getEntityIntegrations'],
): IntegrationHealthApi {
  return {
    getEntityIntegrations,
    getEntityObservations: jest
      .fn()
      .mockResolvedValue(processingObservations()),
    getLatestSyncRun: jest.fn(),
    getSpecVersions: jest.fn().mockResolvedValue(eventVersions),
    getResourceSchema: jest.fn(async (resourceRef: string) => ({
      resourceRef,
      migrations: [],
      consumers: [],
    })),
    getSpecChanges: jest.fn().mockResolvedValue(eventChanges),
    getGraph: jest.fn().mockResolvedValue(processingGraph()),
    getBreakingChanges: jest.fn().mockResolvedValue(eventBreakingChanges),
    assignAccountableOwner: jest.fn(async (id: string, ownerRef?: string) => ({
      ...processingIntegrations().upstream[1],
      id,
      accountableOwnerRef: ownerRef,
    })),
    getAccountableOwnerAssignments: jest.fn().mockResolvedValue([]),
    getHealthTrend: jest.fn().mockResolvedValue(processingTrend()),
    getEvidenceSources: jest.fn().mockResolvedValue([]),
    getCalendar: jest.fn().mockResolvedValue([]),
    getCalendarEntry: jest.fn(),
    acknowledge: jest.fn(),
    getFeedStatus: jest.fn(),
    getScorecard: jest.fn(),
    getScorecardCsv: jest.fn(),
    getScorecardIntegrations: jest.fn(),
    getIncidents: jest.fn().mockResolvedValue([]),
    getEntityIncidents: jest.fn().mockResolvedValue([]),
    recordIncident: jest.fn(),
    updateIncident: jest.fn(),
    getIncidentHistory: jest.fn().mockResolvedValue([]),
    getIntegrationTrend: jest.fn().mockResolvedValue([]),
    getBrief: jest.fn(async subject => ledgerPaymentsBrief({ subject })),
    getBriefMarkdown: jest.fn().mockResolvedValue('# Brief\n'),
    getGeneratedMocks: jest.fn(async (_id: string, format: string) => ({
      format: format as 'wiremock' | 'pact',
      fileName: `transaction-processing-transaction-validation-api-2.1.0.${format}.json`,
      specVersion: '2.1.0',
      operations: ['POST /validations'],
      stubs: ['POST /validations → 200', 'POST /validations → 422'],
      content: { mappings: [{ name: 'POST /validations → 200' }] },
      previous: {
        format: format as 'wiremock' | 'pact',
        fileName: `old.${format}.json`,
        specVersion: '2.0.0',
        operations: ['POST /validations'],
        stubs: ['POST /validations → 200'],
        content: { mappings: [{ name: 'POST /validate → 200' }] },
      },
    })),
    announce: jest.fn(),
    updateAnnouncement: jest.fn(),
    cancelAnnouncement: jest.fn(),
    createFeedLink: jest.fn(),
    revokeFeedLink: jest.fn(),
    getBlastRadius: jest.fn().mockResolvedValue({
      apiRef: 'api:default/transaction-validation-api',
      consumers: [
        {
          ref: 'component:default/transaction-processing',
          depth: 1,
          path: [
            'api:default/transaction-validation-api',
            'component:default/transaction-processing',
          ],
        },
      ],
      truncated: { depth: false, nodes: false },
    }),
  };
}

const groups = ['ledger-engineering', 'payments-engineering', 'platform'].map(
  name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  }),
);

async function renderTab(
  api: IntegrationHealthApi,
  entity = processingEntity,
  mayAssign:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.DENY,
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityIntegrationsContent />
    </EntityProvider>,
    {
      apis: [
        [integrationHealthApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize: mayAssign })],
        [catalogApiRef, catalogApiMock({ entities: groups })],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('EntityIntegrationsContent', () => {
  it('lists upstream and downstream integrations with their three owners and the missing-owner findings', async () => {
    const api = mockApi(jest.fn().mockResolvedValue(processingIntegrations()));
    await renderTab(api);

    expect(
      await screen.findByText(
        '2 upstream, 1 downstream · 2 without an accountable owner',
      ),
    ).toBeInTheDocument();
    expect(api.getEntityIntegrations).toHaveBeenCalledWith(
      'component:default/transaction-processing',
    );
    expect(screen.getByText('Last synced 5 minutes ago')).toBeInTheDocument();
    expect(
      screen.getByText('2 integrations have no accountable owner'),
    ).toBeInTheDocument();

    const [upstream, downstream] = screen.getAllByRole('grid');
    const upstreamRows = within(upstream).getAllByRole('row').slice(1);
    expect(upstreamRows).toHaveLength(2);
    expect(
      within(upstreamRows[0]).getByText('transaction-validation'),
    ).toBeInTheDocument();
    expect(
      within(upstreamRows[0]).getByText('declared by the consumer'),
    ).toBeInTheDocument();
    expect(within(upstreamRows[1]).getByText('event-bus')).toBeInTheDocument();
    expect(
      within(upstreamRows[1]).getByText('direct dependency'),
    ).toBeInTheDocument();
    expect(within(upstreamRows[1]).getByText('platform')).toBeInTheDocument();
    expect(
      within(upstreamRows[1]).getByText('No accountable owner'),
    ).toBeInTheDocument();

    const downstreamRows = within(downstream).getAllByRole('row').slice(1);
    expect(
      within(downstreamRows[0]).getByText('account-management-legacy'),
    ).toBeInTheDocument();
    expect(
      within(downstreamRows[0]).getByText('ledger-engineering'),
    ).toBeInTheDocument();
    expect(
      within(downstreamRows[0]).getByText('Invalid accountable owner'),
    ).toBeInTheDocument();
    expect(
      within(downstreamRows[0]).getByText(
        "The declared accountable owner 'ledger-team' is not a group in the catalog.",
      ),
    ).toBeInTheDocument();
  });

  it('shows both scores per integration, unknown where there is no evidence, with the explanation one click away', async () => {
    await renderTab(
      mockApi(jest.fn().mockResolvedValue(processingIntegrations())),
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Contract freshness: 60, fair. Show why',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        'Verified against provider version 1.4.0, the one in production.',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/−40: The evidence is 60 days old/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('link', {
        name: 'Verification passed against provider 1.4.0',
      }),
    ).toHaveAttribute('href', 'https://ci.example/runs/42');
    await userEvent.keyboard('{Escape}');

    expect(
      screen.getAllByRole('button', {
        name: 'Mock freshness: unknown. Show why',
      }),
    ).toHaveLength(3);
  });

  it("offers a consumer's mocks generated from the provider's current spec, and downloads them as a file", async () => {
    const api = mockApi(jest.fn().mockResolvedValue(processingIntegrations()));
    const created: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:mocks';
    });
    URL.revokeObjectURL = jest.fn();
    const clicked = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await renderTab(api);
    const [first] = await screen.findAllByRole('button', {
      name: 'Mocks from the current spec for component:default/transaction-processing',
    });
    await userEvent.click(first);
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        /^2 stubs for 1 operation, made from 2\.1\.0, saved as/,
      ),
    ).toHaveTextContent(
      'transaction-processing-transaction-validation-api-2.1.0.wiremock.json',
    );
    expect(
      within(within(dialog).getByRole('list', { name: 'Stubs' })).getAllByRole(
        'listitem',
      ),
    ).toHaveLength(2);
    const diff = within(dialog).getByLabelText(
      'Changed since 2.0.0, which your current mocks were made from',
    );
    expect(diff).toHaveTextContent('- "name": "POST /validate → 200"');
    expect(diff).toHaveTextContent('+ "name": "POST /validations → 200"');
    expect(api.getGeneratedMocks).toHaveBeenLastCalledWith(
      expect.any(String),
      'wiremock',
    );

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Pact (v4)' }),
    );
    const download = await within(dialog).findByRole('button', {
      name: /^Download .*\.pact\.json$/,
    });
    await userEvent.click(download);
    expect(clicked).toHaveBeenCalled();
    expect(JSON.parse(await created[0].text())).toEqual({
      mappings: [{ name: 'POST /validations → 200' }],
    });
    clicked.mockRestore();
  });

  it("shows the entity's health with its trend, and which evidence sources are stale and why", async () => {
    const api = mockApi(async () => processingIntegrations());
    (api.getEvidenceSources as jest.Mock).mockResolvedValue([
      {
        source: 'pact-broker',
        lastAttemptAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        lastSuccessAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
        lastError: 'GET /integrations answered 500 Internal Server Error',
        stale: true,
      },
      {
        source: 'mock-files',
        lastAttemptAt: new Date().toISOString(),
        stale: false,
      },
    ]);
    await renderTab(api);

    expect(
      await screen.findByText('Evidence source pact-broker is stale'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Its last attempt 5 minutes ago failed: GET /integrations answered 500 Internal Server Error. Scores use its evidence from 2 days ago.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/mock-files is stale/)).not.toBeInTheDocument();

    expect(await screen.findByText('Integration health')).toBeInTheDocument();
    expect(
      (await screen.findByText('Contract freshness')).nextSibling,
    ).toHaveTextContent('55');
    expect(screen.getByText('Mock freshness').nextSibling).toHaveTextContent(
      'unknown',
    );
    expect(
      screen.getByRole('img', {
        name: 'Contract freshness, last 30 days: from 40 to 55 over 30 days',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/1 of 3 have any\. 2 without an accountable owner\./),
    ).toBeInTheDocument();
    expect(api.getHealthTrend).toHaveBeenCalledWith(
      'component:default/transaction-processing',
      30,
    );
  });

  it('says when the latest sync was held, why, and that the tab shows the last good sync', async () => {
    const api = mockApi(
      jest.fn().mockResolvedValue({
        ...processingIntegrations(),
        heldSync: {
          id: 'run-9',
          status: 'held',
          startedAt: new Date(Date.now() - 2 * 60_000).toISOString(),
          error:
            'the catalog answered 3 entities where the last good run read 13000 (under 50%); nothing was changed',
        },
      }),
    );
    await renderTab(api);
    expect(
      await screen.findByText('The latest sync was held'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /read a catalog that looked incomplete: the catalog answered 3 entities where the last good run read 13000 .*What is shown here is from the last good sync\./,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Last synced 5 minutes ago')).toBeInTheDocument();
  });

  it('offers no owner assignment to a user the policy does not allow', async () => {
    await renderTab(
      mockApi(jest.fn().mockResolvedValue(processingIntegrations())),
    );
    await screen.findByText(/2 upstream, 1 downstream/);
    expect(
      screen.queryByRole('button', { name: /Assign the accountable owner/ }),
    ).not.toBeInTheDocument();
  });

  it('lets an allowed user assign the accountable owner with a note, then reloads the tab', async () => {
    const integrations = processingIntegrations();
    const getEntityIntegrations = jest.fn().mockResolvedValue(integrations);
    const api = mockApi(getEntityIntegrations);
    await renderTab(api, processingEntity, AuthorizeResult.ALLOW);
    await screen.findByText(/2 upstream, 1 downstream/);

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Assign the accountable owner of component:default/transaction-processing → resource:default/event-bus',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      await within(dialog).findByRole('button', { name: /Group/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: /platform/ }),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Note/ }),
      'Platform runs the bus',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(api.assignAccountableOwner).toHaveBeenCalledWith(
        integrations.upstream[1].id,
        'group:default/platform',
        'Platform runs the bus',
      ),
    );
    await waitFor(() => expect(getEntityIntegrations).toHaveBeenCalledTimes(2));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('keeps the dialog open with the server refusal when the assignment is not allowed', async () => {
    const api = mockApi(jest.fn().mockResolvedValue(processingIntegrations()));
    api.assignAccountableOwner = jest
      .fn()
      .mockRejectedValue(
        new Error(
          'Only the owners of component:default/transaction-processing or resource:default/event-bus may assign',
        ),
      );
    await renderTab(api, processingEntity, AuthorizeResult.ALLOW);
    await screen.findByText(/2 upstream, 1 downstream/);
    await userEvent.click(
      (
        await screen.findAllByRole('button', {
          name: /Assign the accountable owner/,
        })
      )[0],
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      await within(dialog).findByRole('button', { name: /Group/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: /ledger-engineering/ }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Not saved')).toBeInTheDocument();
    expect(within(dialog).getByText(/Only the owners of/)).toBeInTheDocument();
  });

  it('draws the dependency map, changes its depth, and highlights the blast radius of a chosen API', async () => {
    const api = mockApi(jest.fn().mockResolvedValue(processingIntegrations()));
    await renderTab(api);

    const map = await screen.findByRole('group', {
      name: 'Dependency map with 4 entities and 3 integrations',
    });
    // Each node is one link, named by its entity and health.
    expect(
      within(map).getByRole('link', {
        name: 'resource: event-bus, resource:default/event-bus: no evidence for its integrations here',
      }),
    ).toHaveAttribute('href', '/catalog/default/resource/event-bus');
    expect(
      within(map).getByRole('link', {
        name: 'transaction-validation, component:default/transaction-validation: lowest score 60 (fair); 1 of 1 integrations here have evidence',
      }),
    ).toBeInTheDocument();
    expect(api.getGraph).toHaveBeenLastCalledWith(
      'component:default/transaction-processing',
      {
        direction: 'both',
        depth: 2,
        edges: 'declared',
      },
    );

    await userEvent.click(screen.getByRole('button', { name: 'Depth 3' }));
    await waitFor(() =>
      expect(api.getGraph).toHaveBeenLastCalledWith(
        'component:default/transaction-processing',
        {
          direction: 'both',
          depth: 3,
          edges: 'declared',
        },
      ),
    );

    await userEvent.selectOptions(
      screen.getByLabelText('Blast radius of a change to'),
      'api:default/transaction-validation-api',
    );
    expect(await screen.findByText('1 consumers reached')).toBeInTheDocument();
    expect(api.getBlastRadius).toHaveBeenCalledWith(
      'api:default/transaction-validation-api',
      4,
      'declared',
    );
  });

  it('shows an API as the integrations that go through it, consumer and provider side by side', async () => {
    const data = processingIntegrations();
    const events = {
      ...data,
      entityRef: 'api:default/transaction-events',
      upstream: [],
      downstream: data.downstream,
    };
    await renderTab(mockApi(jest.fn().mockResolvedValue(events)), {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'transaction-events', title: 'Transaction events' },
      spec: { type: 'asyncapi' },
    });

    expect(
      await screen.findByText(
        '1 integration through this API · 1 without an accountable owner',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Integrations through Transaction events'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Upstream/)).not.toBeInTheDocument();
    // Telemetry sees the services on either side, not the API.
    expect(
      screen.queryByText('Observed in production'),
    ).not.toBeInTheDocument();
    const [grid] = screen.getAllByRole('grid');
    expect(
      within(grid).getByRole('columnheader', { name: 'Consumer' }),
    ).toBeInTheDocument();
    expect(
      within(grid).getByRole('columnheader', { name: 'Provider' }),
    ).toBeInTheDocument();
    const [row] = within(grid).getAllByRole('row').slice(1);
    expect(
      within(row).getByText('account-management-legacy'),
    ).toBeInTheDocument();
    expect(within(row).getByText('transaction-processing')).toBeInTheDocument();

    expect(
      await screen.findByText('Breaking changes in this API'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('response-required-property-removed', {
        exact: false,
      }).length,
    ).toBeGreaterThan(0);

    // Spec history: newest first, the breaking change one click away.
    expect(await screen.findByText('Version 2.0.0')).toBeInTheDocument();
    expect(screen.getByText('Version 1.0.0')).toBeInTheDocument();
    expect(screen.getByText('1 breaking')).toBeInTheDocument();
    expect(screen.getByText('first recorded version')).toBeInTheDocument();
    const history = screen.getByText('Spec history').closest('div')!
      .parentElement!;
    await userEvent.click(screen.getByRole('button', { name: 'Show changes' }));
    expect(
      await within(history).findByText(
        "message TransactionBooked payload property 'accountId': required property removed",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('response-required-property-removed'),
    ).toBeInTheDocument();
  });

  it("shows an API's health from the integrations it lists, without loading them twice", async () => {
    const api = mockApi(jest.fn().mockResolvedValue(eventsApiIntegrations()));
    api.getHealthTrend = jest.fn().mockResolvedValue([]);
    await renderTab(api, eventsApiEntity);

    expect(
      (await screen.findByText('Contract freshness')).nextSibling,
    ).toHaveTextContent('75');
    expect(
      screen.getByText(/through this API with evidence: 2 of 3 have any/),
    ).toBeInTheDocument();
    expect(api.getEntityIntegrations).toHaveBeenCalledTimes(1);
  });

  it("shows what telemetry observed below the component's integrations, undeclared first", async () => {
    const api = mockApi(jest.fn().mockResolvedValue(processingIntegrations()));
    await renderTab(api);

    const heading = await screen.findByRole('heading', {
      name: 'Observed in production',
    });
    const headings = screen
      .getAllByRole('heading', { level: 3 })
      .map(h => h.textContent);
    expect(headings.indexOf('Observed in production')).toBe(
      headings.length - 1,
    );
    const card = heading.closest('.bui-Card') as HTMLElement;
    expect(
      await within(card).findByText(/^1 undeclared, 1 unknown service/),
    ).toBeInTheDocument();
    expect(within(card).getAllByRole('listitem')[0]).toHaveTextContent(
      'UndeclaredCalls fraud-scoring',
    );
    expect(api.getEntityObservations).toHaveBeenCalledWith(
      'component:default/transaction-processing',
    );
  });

  it('says so when the entity has no integrations and the sync has not run', async () => {
    await renderTab(
      mockApi(
        jest.fn().mockResolvedValue({
          entityRef: 'component:default/transaction-processing',
          upstream: [],
          downstream: [],
        }),
      ),
    );
    expect(
      await screen.findByText('No integrations recorded for this entity.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Not synced yet/)).toBeInTheDocument();
    expect(
      screen.getByText(
        'This entity does not depend on any other service or API.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Nothing in the catalog depends on this entity.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Prepare a brief' }),
    ).not.toBeInTheDocument();
  });

  it('prepares a brief about the entity from the top of the tab', async () => {
    const api = mockApi(jest.fn().mockResolvedValue(processingIntegrations()));
    await renderTab(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Prepare a brief' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByRole('heading', {
        name: 'ledger-engineering ↔ payments-engineering',
      }),
    ).toBeInTheDocument();
    expect(api.getBrief).toHaveBeenCalledWith(
      {
        kind: 'entity',
        entityRef: 'component:default/transaction-processing',
      },
      expect.objectContaining({ from: expect.any(String) }),
    );
  });

  it('shows the error and loads again on retry', async () => {
    const getEntityIntegrations = jest
      .fn()
      .mockRejectedValueOnce(
        new Error('Request failed with 503 Service Unavailable'),
      )
      .mockResolvedValueOnce(processingIntegrations());
    await renderTab(mockApi(getEntityIntegrations));

    expect(
      await screen.findByText('Could not load integrations'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Request failed with 503 Service Unavailable'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));

    await waitFor(() =>
      expect(screen.getByText(/2 upstream, 1 downstream/)).toBeInTheDocument(),
    );
    expect(getEntityIntegrations).toHaveBeenCalledTimes(2);
  });

  it('shows the schema history on a database resource, and not on a component', async () => {
    const database = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'transactions-db', namespace: 'default' },
      spec: { type: 'database', owner: 'group:default/ledger-engineering' },
    };
    const api = mockApi(
      jest.fn(async (entityRef: string) => ({
        entityRef,
        upstream: [],
        downstream: [],
      })),
    );
    await renderTab(api, database);
    expect(await screen.findByText('Schema history')).toBeInTheDocument();
    expect(
      await screen.findByText(
        /^No migrations recorded: add the integration-health.io\/migrations annotation/,
      ),
    ).toBeInTheDocument();
    expect(api.getResourceSchema).toHaveBeenCalledWith(
      'resource:default/transactions-db',
    );

    const component = mockApi(
      jest.fn().mockResolvedValue(processingIntegrations()),
    );
    await renderTab(component);
    await screen.findByText(/2 upstream, 1 downstream/);
    expect(component.getResourceSchema).not.toHaveBeenCalled();
  });

  it('shows a loading state while the request is under way', async () => {
    await renderTab(mockApi(() => new Promise(() => {})));
    expect(
      await screen.findByLabelText('Loading integrations'),
    ).toBeInTheDocument();
  });
});
