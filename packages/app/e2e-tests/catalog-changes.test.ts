import { APIRequestContext, expect, Page, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { waitForBackend } from './backend';

// The demo catalog file the catalog reads; this test edits it as a team
// would edit its catalog-info.yaml, and puts it back at the end.
const ENTITIES = path.resolve(__dirname, '../../../examples/entities.yaml');
const BACKEND = 'http://localhost:7007';
const BEFORE =
  'consumesApis: [transaction-intake-api, transaction-validation-api]';
const AFTER =
  'consumesApis: [transaction-intake-api, transaction-validation-api, account-api]';

/** What the catalog's "Schedule entity refresh" button does, as the signed-in user. */
async function refreshInCatalog(request: APIRequestContext, entityRef: string) {
  const session = await request.get(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  const token = (await session.json()).backstageIdentity.token;
  const res = await request.post(`${BACKEND}/api/catalog/refresh`, {
    headers: { authorization: `Bearer ${token}` },
    data: { entityRef },
  });
  expect(res.status()).toBe(200);
}

async function openIntegrationsTab(page: Page) {
  await waitForBackend(page.request);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.goto(
    '/catalog/default/component/payments-mock-server/integrations',
  );
  // The first sync runs shortly after the backend starts.
  await expect(async () => {
    await page.reload();
    const enter = page.getByRole('button', { name: 'Enter' });
    if (await enter.isVisible()) await enter.click();
    await expect(page.getByText(/^2 upstream/)).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 180_000 });
}

test('a relation added in the catalog appears on the open Integrations tab within seconds, without a reload, and goes when it is removed', async ({
  page,
}, testInfo) => {
  const original = fs.readFileSync(ENTITIES, 'utf8');
  expect(original).toContain(BEFORE);
  await openIntegrationsTab(page);
  const upstream = page.getByRole('main').getByRole('grid').first();
  const ledger = upstream.getByRole('row', {
    name: /Account management \(legacy\)/,
  });
  await expect(ledger).toHaveCount(0);
  let navigations = 0;
  page.on('framenavigated', () => navigations++);

  try {
    // The mock server's team starts calling the account API.
    fs.writeFileSync(ENTITIES, original.replace(BEFORE, AFTER));
    const start = Date.now();
    await refreshInCatalog(
      page.request,
      'component:default/payments-mock-server',
    );
    await expect(ledger).toBeVisible({ timeout: 10_000 });
    const seconds = (Date.now() - start) / 1000;
    testInfo.annotations.push({
      type: 'catalog change on the open tab',
      description: `${seconds.toFixed(1)} s`,
    });
    await expect(page.getByText(/^3 upstream/)).toBeVisible();
    expect(navigations).toBe(0);
    await page.screenshot({ path: testInfo.outputPath('relation-added.png') });
  } finally {
    fs.writeFileSync(ENTITIES, original);
  }

  await refreshInCatalog(
    page.request,
    'component:default/payments-mock-server',
  );
  await expect(ledger).toHaveCount(0, { timeout: 10_000 });
  await expect(page.getByText(/^2 upstream/)).toBeVisible();
  expect(navigations).toBe(0);
});
