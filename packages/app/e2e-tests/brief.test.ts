import { expect, test } from '@playwright/test';
import { waitForBackend } from './backend';
import { meiToken, signInAsGuest } from './portal';

const API = 'http://localhost:7007/api/integration-health';
const TEAMS =
  'teams=group:default/ledger-engineering,group:default/payments-engineering';

const LEGACY_TAB =
  '/catalog/default/component/account-management-legacy/integrations';

test('after an incident at the legacy events integration, the brief for ledger-engineering ↔ payments-engineering states the facts a post-mortem starts from', async ({
  page,
  request,
}, testInfo) => {
  await waitForBackend(request);
  const headers = { Authorization: `Bearer ${await meiToken(request)}` };
  let integration: any;
  await expect(async () => {
    const res = await request.get(
      `${API}/v1/entities/component/default/account-management-legacy/integrations`,
      { headers },
    );
    integration = (await res.json()).upstream?.find(
      (i: any) => i.apiRef === 'api:default/transaction-events',
    );
    expect(integration).toBeDefined();
  }).toPass({ timeout: 180_000 });

  const occurredAt = new Date(Date.now() - 86_400_000).toISOString();
  const recorded = await request.post(
    `${API}/v1/integrations/${integration.id}/incidents`,
    {
      headers,
      data: {
        title: 'Payments pending after the events change',
        occurredAt,
        impact: { durationMinutes: 95, affectedTransactions: 1200 },
        outOfSync: {
          kind: 'mock',
          description: 'The legacy pact still sent accountId',
        },
        postmortemUrls: [],
      },
    },
  );
  expect(recorded.status()).toBe(201);

  // The calendar entry and the day's scores come with the first sync's
  // later steps.
  await expect(async () => {
    const brief = await (
      await request.get(`${API}/v1/briefs?${TEAMS}`, { headers })
    ).json();
    expect(brief.title).toBe('ledger-engineering ↔ payments-engineering');
    const facts: string[] = brief.facts.map(
      (f: any) => `${f.source}: ${f.text}`,
    );
    expect(facts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^catalog: account-management-legacy uses transaction-processing through transaction-events; the consumer is owned by ledger-engineering, the provider by payments-engineering; /,
        ),
        expect.stringMatching(
          /^breaking-change calendar: "transaction-events 2\.0\.0: 1 breaking change" was detected on .* consumers heard of it \d+ days? (before|after) it took effect\.$/,
        ),
        expect.stringMatching(
          /^incident record: Incident "Payments pending after the events change" at account-management-legacy → transaction-processing began on .*; it lasted 95 minutes, affected 1,200 transactions\.$/,
        ),
        'incident record: The mock was recorded as out of sync: The legacy pact still sent accountId.',
        expect.stringMatching(/^daily scores: /),
      ]),
    );
  }).toPass({ timeout: 120_000 });

  const markdown = await (
    await request.get(`${API}/v1/briefs?${TEAMS}&format=markdown`, { headers })
  ).text();
  expect(markdown).toMatch(
    /^# Integration brief: ledger-engineering ↔ payments-engineering\n/,
  );
  // The same brief from the Integrations tab, previewed and downloadable.
  await signInAsGuest(page);
  await page.goto(LEGACY_TAB);
  await page.getByRole('button', { name: 'Prepare a brief' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(
    'The mock was recorded as out of sync: The legacy pact still sent accountId.',
  );
  await expect(dialog).toContainText(
    'Payments pending after the events change',
  );
  await dialog.screenshot({ path: testInfo.outputPath('brief-dialog.png') });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download Markdown' }).click();
  expect((await download).suggestedFilename()).toMatch(
    /^integration-brief-.*\.md$/,
  );

  await testInfo.attach('brief.md', {
    body: markdown,
    contentType: 'text/markdown',
  });
});
