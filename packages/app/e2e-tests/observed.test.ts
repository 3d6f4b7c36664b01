import { expect, Page, test } from '@playwright/test';
import { waitForBackend } from './backend';

async function signInAsGuest(page: Page) {
  await waitForBackend(page.request);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
}

/**
 * Opens a page once the first sync has brought the demo's recorded traffic
 * (the card then lists an edge with the given status).
 */
async function openWhenObserved(
  page: Page,
  path: string,
  status: string = 'Undeclared',
) {
  await page.goto(path);
  const card = page.getByRole('article').filter({
    has: page.getByRole('heading', { name: 'Observed in production' }),
  });
  await expect(async () => {
    await page.reload();
    const enter = page.getByRole('button', { name: 'Enter' });
    if (await enter.isVisible()) await enter.click();
    await expect(card.getByText(status).first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 180_000 });
  return card;
}

test("the validation service's tab shows what production observed: an undeclared caller with the declaration to add, an unknown service and confirmed callers", async ({
  page,
}, testInfo) => {
  await signInAsGuest(page);
  const card = await openWhenObserved(
    page,
    '/catalog/default/component/transaction-validation/integrations',
  );

  const undeclared = card
    .getByRole('listitem')
    .filter({ hasText: 'Undeclared' });
  await expect(
    undeclared.getByRole('link', { name: 'Account management (legacy)' }),
  ).toBeVisible();
  await expect(undeclared.getByText(/1,240 calls/)).toBeVisible();
  await expect(
    undeclared.getByLabel(
      'Declaration to add (component:default/account-management-legacy)',
    ),
  ).toContainText('- component:default/transaction-validation');
  await expect(
    undeclared.getByRole('button', { name: /Copy the declaration/ }),
  ).toBeVisible();

  const unknown = card
    .getByRole('listitem')
    .filter({ hasText: 'Unknown service' });
  await expect(
    unknown.getByText('sanctions-screening-saas', { exact: true }),
  ).toBeVisible();
  await expect(
    card.getByRole('listitem').filter({ hasText: 'Confirmed' }),
  ).toHaveCount(4);

  await card.screenshot({
    path: testInfo.outputPath('observed-validation.png'),
  });
});

test("transaction-processing's tab shows the calls production made on its integrations", async ({
  page,
}) => {
  await signInAsGuest(page);
  const card = await openWhenObserved(
    page,
    '/catalog/default/component/transaction-processing/integrations',
    'Confirmed',
  );
  const toValidation = card.getByRole('listitem').filter({
    has: page.getByRole('link', { name: 'Transaction validation' }),
  });
  await expect(toValidation).toContainText('Confirmed');
  await expect(toValidation).toContainText(/47,250 calls/);
  await expect(toValidation).toContainText(/seen by demo-recorded-traces/);
  const toLegacy = card.getByRole('listitem').filter({
    has: page.getByRole('link', { name: 'Account management (legacy)' }),
  });
  await expect(toLegacy.first()).toContainText(/47,000 calls/);
});

test('the dependency map toggles observed edges, and the scorecard counts the undeclared integration for both teams', async ({
  page,
}, testInfo) => {
  await signInAsGuest(page);
  await openWhenObserved(
    page,
    '/catalog/default/component/transaction-validation/integrations',
  );
  const mapCard = page.getByRole('article').filter({
    has: page.getByRole('heading', { name: 'Dependency map' }),
  });
  const map = mapCard.getByRole('group', { name: /^Dependency map with/ });
  const legacy = map.getByRole('link', { name: /^account-management-legacy,/ });
  await expect(map).toBeVisible();
  // The catalog does not declare that the legacy system calls validation:
  // next to validation it appears only with observed edges.
  await mapCard.getByRole('button', { name: 'Depth 1' }).click();
  await expect(legacy).toHaveCount(0);
  await mapCard.getByRole('button', { name: 'Declared + observed' }).click();
  await expect(legacy).toBeVisible();
  await expect(
    mapCard.getByText(/dash-dot blue: seen in production but not declared/),
  ).toBeVisible();
  await mapCard.screenshot({ path: testInfo.outputPath('observed-map.png') });

  await mapCard.getByRole('button', { name: 'Show as table' }).click();
  const edges = mapCard.getByRole('table', {
    name: /^Integrations on the dependency map/,
  });
  await expect(
    edges.getByRole('row').filter({ hasText: 'account-management-legacy' }),
  ).toContainText('Undeclared: 1,240 calls');

  await page.goto('/integration-health/scorecard');
  const table = page.getByRole('table', { name: 'Scorecard by team' });
  await expect(
    table.getByRole('columnheader', { name: 'Undeclared' }),
  ).toBeVisible();
  const headers = await table.getByRole('columnheader').allTextContents();
  const column = headers.indexOf('Undeclared') - 1;
  for (const team of ['ledger-engineering', 'payments-engineering']) {
    await expect(
      table
        .getByRole('row', { name: new RegExp(team) })
        .getByRole('cell')
        .nth(column),
    ).toHaveText(/^[1-9]\d*/);
  }
  await page.screenshot({
    path: testInfo.outputPath('scorecard-observed.png'),
    fullPage: true,
  });
});
