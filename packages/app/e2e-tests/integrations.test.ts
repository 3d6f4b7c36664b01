import { expect, Page, test } from '@playwright/test';
import { waitForBackend } from './backend';

async function signInAsGuest(page: Page) {
  await waitForBackend(page.request);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
}

test('a new user finds transaction-processing and sees its integrations, owners and missing-owner findings', async ({
  page,
}, testInfo) => {
  await signInAsGuest(page);

  // The demo user (ledger-engineering) sees their own components first;
  // the whole catalog is one filter away.
  await page.getByTestId('user-picker-all').click();
  await page.getByRole('link', { name: 'Transaction processing' }).click();
  await page.getByRole('link', { name: 'Integrations', exact: true }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/transaction-processing\/integrations/,
  );

  // The sync runs shortly after the backend starts; reload until it has.
  await expect(async () => {
    await page.reload();
    // A reload while the backend is still starting can land on sign-in.
    const enter = page.getByRole('button', { name: 'Enter' });
    if (await enter.isVisible()) await enter.click();
    await expect(page.getByText(/4 upstream, 2 downstream/)).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 180_000 });

  const upstream = page.getByRole('main').getByRole('grid').first();
  const ledgerRow = upstream.getByRole('row', {
    name: /Account management \(legacy\)/,
  });
  await expect(
    ledgerRow.getByRole('link', { name: 'Ledger Engineering' }).first(),
  ).toBeVisible();
  await expect(ledgerRow.getByText('declared by the consumer')).toBeVisible();
  await expect(
    upstream
      .getByRole('row', { name: /Event bus/ })
      .getByText('No accountable owner'),
  ).toBeVisible();

  const downstream = page.getByRole('main').getByRole('grid').nth(1);
  await expect(
    downstream
      .getByRole('row', { name: /Account management \(legacy\)/ })
      .getByText(
        "The declared accountable owner 'ledger-team' is not a group in the catalog.",
      ),
  ).toBeVisible();
  await expect(
    page.getByText('3 integrations have no accountable owner'),
  ).toBeVisible();
  await expect(page.getByText(/Last synced/)).toBeVisible();
  await expect(page.getByText('Integration health')).toBeVisible();
  // The dependency map draws the neighbourhood, every node a link.
  const map = page.getByRole('group', {
    name: /^Dependency map with \d+ entities/,
  });
  await expect(map).toBeVisible();
  await expect(
    map.getByRole('link', {
      name: 'component:default/account-management-legacy',
    }),
  ).toBeVisible();

  await page.screenshot({
    path: testInfo.outputPath('integrations-tab.png'),
    fullPage: true,
  });

  // The legacy system's pact of the transaction events still has the old
  // field: its mock score says so, one click away.
  await downstream
    .getByRole('row', { name: /Account management \(legacy\)/ })
    .getByRole('button', { name: /^Mock freshness/ })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(
    dialog
      .getByText(
        /subscribe transactions\.booked: message has field `accountId`, the current spec requires `accountRef`/,
      )
      .first(),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('mock-explanation.png') });
  await page.keyboard.press('Escape');

  // Owners link to their catalog pages.
  await ledgerRow
    .getByRole('link', { name: 'Ledger Engineering' })
    .first()
    .click();
  await expect(page).toHaveURL(/\/catalog\/default\/group\/ledger-engineering/);
});
