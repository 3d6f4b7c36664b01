import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { AddressInfo } from 'node:net';
import { catalogHiding } from '../__testUtils__/catalogHiding';
import { integrationHealthPlugin } from '../plugin';
import { paymentsCatalog } from '../testUtils/entities';

jest.setTimeout(120_000);

const TOKEN = 'assistant-static-token-01';

/**
 * The plugin's actions as an MCP client sees them: over the real MCP
 * actions backend (`/api/mcp-actions/v1`), with a static token. A static
 * token is a service, not a person: the writes refuse it.
 */
describe('the actions over MCP', () => {
  let backend: TestBackend;
  let client: Client;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        integrationHealthPlugin,
        mcpActionsPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        catalogHiding(paymentsCatalog(), {}),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              actions: { pluginSources: ['integration-health'] },
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: TOKEN, subject: 'assistant' },
                  },
                ],
              },
            },
            integrationHealth: {
              sync: {
                schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
              },
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    client = new Client({ name: 'integration-health-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`http://127.0.0.1:${port}/api/mcp-actions/v1`),
        { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } },
      ),
    );
    // Wait for the first sync, so that there are integrations to ask about.
    for (let i = 0; i < 200; i++) {
      const result = await client.callTool({
        name: 'integration-health.get-integrations',
        arguments: { entityRef: 'component:default/processing' },
      });
      const text = (result.content as { text: string }[])[0]?.text ?? '';
      if (!result.isError && text.includes('"consumerRef"')) return;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error('The first sync did not run');
  });

  afterAll(async () => {
    await client?.close();
    await backend?.stop();
  });

  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({
      name: `integration-health.${name}`,
      arguments: args,
    });
    const text = (result.content as { type: string; text: string }[])
      .map(c => c.text)
      .join('');
    return { isError: result.isError === true, text };
  };

  it('lists every tool with its description, schemas and read-only or write hints', async () => {
    const { tools } = await client.listTools();
    // The MCP actions backend names tools after their plugin.
    const byName = Object.fromEntries(
      tools.map(t => [t.name.replace(/^integration-health\./, ''), t]),
    );
    expect(Object.keys(byName).sort()).toEqual(
      [
        'acknowledge-breaking-change',
        'assign-accountable-owner',
        'check-migration',
        'check-spec-change',
        'get-blast-radius',
        'get-integration-brief',
        'get-integrations',
        'get-scorecard',
        'list-breaking-changes',
        'record-incident',
      ].sort(),
    );
    expect(byName['get-blast-radius'].annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
    expect(byName['record-incident'].annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
    });
    expect(byName['get-blast-radius'].description).toMatch(
      /what breaks if I change this API/,
    );
    expect(byName['get-blast-radius'].inputSchema.properties).toHaveProperty(
      'entityRef',
    );
  });

  it('answers the blast radius of a change to the transaction events', async () => {
    const { isError, text } = await call('get-blast-radius', {
      entityRef: 'api:default/transaction-events',
    });
    expect(isError).toBe(false);
    expect(JSON.parse(text).consumers.map((c: any) => c.ref)).toContain(
      'component:default/ledger',
    );
  });

  it('answers who owns an integration, and a clear error for an entity that does not exist', async () => {
    const owned = await call('get-integrations', {
      entityRef: 'component:default/processing',
    });
    const upstream = JSON.parse(owned.text).upstream;
    expect(upstream.length).toBeGreaterThan(0);
    expect(upstream[0]).toHaveProperty('consumerOwnerRef');
    const missing = await call('get-integrations', {
      entityRef: 'component:default/nothing-here',
    });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/not found|No entity|nothing-here/i);
  });

  it('prepares the brief of an integration as Markdown with its facts', async () => {
    const { isError, text } = await call('get-integration-brief', {
      entityRef: 'component:default/ledger',
      days: 30,
    });
    expect(isError).toBe(false);
    const brief = JSON.parse(text);
    expect(brief.markdown).toMatch(/^# Integration brief: ledger\n/);
    expect(brief.facts).toContainEqual(
      expect.objectContaining({
        source: 'catalog',
        text: expect.stringContaining('ledger uses processing'),
      }),
    );
  });

  it('refuses writes from a service token: only people acknowledge, assign and record', async () => {
    const refused = await call('assign-accountable-owner', {
      integrationId: 'anything',
      ownerRef: 'group:default/platform',
    });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain(
      'Only a signed-in person may assign an accountable owner',
    );
  });
});

/** The same tools for a signed-in person, whose writes the permission policy decides. */
describe.each([
  [
    'allows',
    AuthorizeResult.ALLOW,
    { refused: false, accountableOwnerRef: 'group:default/platform' },
  ],
  ['denies', AuthorizeResult.DENY, { refused: true, error: 'NotAllowedError' }],
] as const)(
  'the write actions over MCP for a person, when the policy %s',
  (_, result, expected) => {
    let backend: TestBackend;
    let client: Client;

    beforeAll(async () => {
      backend = await startTestBackend({
        features: [
          integrationHealthPlugin,
          mcpActionsPlugin,
          catalogHiding(paymentsCatalog(), {}),
          mockServices.permissions.factory({ result }),
          mockServices.rootConfig.factory({
            data: {
              backend: { actions: { pluginSources: ['integration-health'] } },
              integrationHealth: {
                sync: {
                  schedule: {
                    frequency: { hours: 1 },
                    timeout: { minutes: 1 },
                  },
                },
              },
            },
          }),
        ],
      });
      const { port } = backend.server.address() as AddressInfo;
      client = new Client({
        name: 'integration-health-test',
        version: '1.0.0',
      });
      await client.connect(
        new StreamableHTTPClientTransport(
          new URL(`http://127.0.0.1:${port}/api/mcp-actions/v1`),
          {
            requestInit: {
              headers: {
                Authorization: mockCredentials.user.header('user:default/mei'),
              },
            },
          },
        ),
      );
    });

    afterAll(async () => {
      await client?.close();
      await backend?.stop();
    });

    it('assigns the accountable owner only when the policy allows it', async () => {
      let integrationId: string | undefined;
      for (let i = 0; i < 200 && !integrationId; i++) {
        const listed = await client.callTool({
          name: 'integration-health.get-integrations',
          arguments: { entityRef: 'component:default/processing' },
        });
        const text = (listed.content as { text: string }[])[0]?.text ?? '{}';
        integrationId = listed.isError
          ? undefined
          : JSON.parse(text).upstream?.[0]?.id;
        if (!integrationId) await new Promise(r => setTimeout(r, 100));
      }
      expect(integrationId).toBeDefined();
      const assigned = await client.callTool({
        name: 'integration-health.assign-accountable-owner',
        arguments: { integrationId, ownerRef: 'group:default/platform' },
      });
      const text = (assigned.content as { text: string }[])[0].text;
      const refused = assigned.isError === true;
      expect(
        refused
          ? { refused, error: text.split(':')[0] }
          : {
              refused,
              accountableOwnerRef:
                JSON.parse(text).integration.accountableOwnerRef,
            },
      ).toEqual(expected);
    });
  },
);
