import { expect, Page, test } from '@playwright/test';
import { waitForBackend } from './backend';

async function signInAsGuest(page: Page) {
  await waitForBackend(page.request);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
}

test("the validation service's tab shows what production observed: an undeclared caller with the declaration to add, an unknown service and confirmed callers", async ({
  page,
}, testInfo) => {
  await signInAsGuest(page);
  await page.goto(
    '/catalog/default/component/transaction-validation/integrations',
  );

  const card = page.getByRole('article').filter({
    has: page.getByRole('heading', { name: 'Observed in production' }),
  });
  // The demo's recorded traffic arrives with the first sync.
  await expect(async () => {
    await page.reload();
    const enter = page.getByRole('button', { name: 'Enter' });
    if (await enter.isVisible()) await enter.click();
    await expect(card.getByText('Undeclared').first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 180_000 });

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
  await expect(unknown.getByText('sanctions-screening-saas', { exact: true })).toBeVisible();
  await expect(
    card.getByRole('listitem').filter({ hasText: 'Confirmed' }),
  ).toHaveCount(3);

  await card.screenshot({
    path: testInfo.outputPath('observed-validation.png'),
  });
});
