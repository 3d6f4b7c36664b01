import { expect, test } from '@playwright/test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { waitForBackend } from './backend';
import { meiToken, signInAsGuest } from './portal';

const MCP = 'http://localhost:7007/api/mcp-actions/v1';
const LEGACY = 'component:default/account-management-legacy';
const ENTRY = 'transaction-events 2.0.0: 1 breaking change';

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: 'e2e-assistant', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(MCP), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

async function call(client: Client, name: string, args: object) {
  const result = await client.callTool({
    name: `integration-health.${name}`,
    arguments: args as Record<string, unknown>,
  });
  const text = (result.content as { text: string }[]).map(c => c.text).join('');
  return { isError: result.isError === true, text };
}

test('an assistant lists the tools, finds who a change to the transaction events reaches, and acknowledges it as Mei; the browser shows it', async ({
  page,
  request,
}, testInfo) => {
  await waitForBackend(request);
  const assistant = await connect('demo-assistant-token-not-for-production');
  const { tools } = await assistant.listTools();
  expect(tools.map(t => t.name)).toEqual(
    expect.arrayContaining([
      'integration-health.get-blast-radius',
      'integration-health.acknowledge-breaking-change',
    ]),
  );
  // The entry appears with the first sync.
  let entry: any;
  await expect(async () => {
    const listed = await call(assistant, 'list-breaking-changes', {
      entityRef: 'api:default/transaction-events',
    });
    expect(listed.isError, listed.text).toBe(false);
    entry = JSON.parse(listed.text).entries.find((e: any) => e.title === ENTRY);
    expect(entry).toBeDefined();
  }).toPass({ timeout: 180_000 });

  const radius = await call(assistant, 'get-blast-radius', {
    entityRef: 'api:default/transaction-events',
  });
  expect(radius.isError, radius.text).toBe(false);
  expect(JSON.parse(radius.text).consumers.map((c: any) => c.ref)).toContain(
    LEGACY,
  );

  // The assistant's own token is a service's: it may not acknowledge.
  const refused = await call(assistant, 'acknowledge-breaking-change', {
    entryId: entry.id,
    consumerRef: LEGACY,
  });
  expect(refused.isError).toBe(true);
  expect(refused.text).toContain('Only a signed-in person');
  await assistant.close();

  const asMei = await connect(await meiToken(request));
  // Another test may have acknowledged it already: start over.
  const legacyState = entry.consumers.find(
    (c: any) => c.consumerRef === LEGACY,
  )?.state;
  if (legacyState === 'acknowledged') {
    const withdrawn = await call(asMei, 'acknowledge-breaking-change', {
      entryId: entry.id,
      consumerRef: LEGACY,
      action: 'withdrawn',
      note: 'Start the assistant test over',
    });
    expect(withdrawn.isError, withdrawn.text).toBe(false);
  }
  const acknowledged = await call(asMei, 'acknowledge-breaking-change', {
    entryId: entry.id,
    consumerRef: LEGACY,
    note: 'Acknowledged from the assistant',
  });
  expect(acknowledged.isError).toBe(false);
  expect(JSON.parse(acknowledged.text).state).toBe('acknowledged');

  await signInAsGuest(page);
  await page.goto('/integration-health/calendar');
  await page.getByRole('button', { name: ENTRY }).click();
  const consumers = page
    .getByRole('dialog')
    .getByRole('table', { name: 'Consumers and their acknowledgements' });
  const legacy = consumers
    .getByRole('row')
    .filter({ hasText: /account-management-legacy|Account management/ });
  await expect(legacy).toContainText('Acknowledged');
  await expect(legacy).toContainText('Acknowledged from the assistant');
  await page.screenshot({
    path: testInfo.outputPath('acknowledged-by-mcp.png'),
  });

  await asMei.close();
});
