import { expect, Page, test } from '@playwright/test';
import { waitForBackend } from './backend';
import { ciCheck, repo } from './portal';
import path from 'node:path';

const ENTRY = 'transaction-events 2.0.0: 1 breaking change';

/** The provider's CI check on the event schema change, old → new, as a pipeline runs it. */
const eventsCheck = () =>
  ciCheck([
    '--api',
    'api:default/transaction-events',
    '--base',
    path.join(repo, 'examples/apis/transaction-events/1.0.0.yaml'),
    '--spec',
    path.join(repo, 'examples/apis/transaction-events/api.yaml'),
  ]);

async function openEntry(page: Page) {
  await page.goto('/integration-health/calendar');
  // The sync puts spec history on the calendar shortly after the backend starts.
  await expect(async () => {
    await page.reload();
    // A reload while the backend is still starting can land on sign-in.
    const enter = page.getByRole('button', { name: 'Enter' });
    if (await enter.isVisible()) await enter.click();
    await expect(page.getByRole('button', { name: ENTRY })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 180_000 });
  await page.getByRole('button', { name: ENTRY }).click();
  return page.getByRole('dialog');
}

test("the legacy account system's owner acknowledges the event change; calendar, tab, feed and CI check all see it", async ({
  page,
}, testInfo) => {
  await waitForBackend(page.request);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  const dialog = await openEntry(page);
  const consumers = dialog.getByRole('table', {
    name: 'Consumers and their acknowledgements',
  });
  await expect(consumers).toBeVisible();

  // A retried run finds it acknowledged already: withdraw it to start over.
  const withdraw = dialog.getByRole('button', {
    name: 'Withdraw for account-management-legacy',
  });
  if (await withdraw.isVisible()) {
    await withdraw.click();
    await dialog
      .getByRole('textbox', { name: 'Reason' })
      .fill('Start the check over');
    await dialog.getByRole('button', { name: 'Withdraw', exact: true }).click();
  }
  await expect(consumers.getByText('Pending')).toBeVisible();

  const before = eventsCheck();
  expect(before.output).toContain('has not acknowledged');
  expect(before.code).toBe(1);

  // Mei Tanaka, of ledger-engineering, acknowledges for the legacy system.
  await dialog
    .getByRole('button', { name: 'Acknowledge for account-management-legacy' })
    .click();
  await dialog
    .getByRole('textbox', { name: 'Note' })
    .fill('The legacy system reads accountRef from 9.8.0');
  await dialog
    .getByRole('button', { name: 'Acknowledge', exact: true })
    .click();
  await expect(dialog.getByText('Acknowledged', { exact: true })).toBeVisible();
  await expect(
    dialog.getByText(/The legacy system reads accountRef from 9\.8\.0/),
  ).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('calendar-acknowledged.png'),
  });
  await page.keyboard.press('Escape');

  // The calendar's agenda, the entity's tab and the feed say so too.
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: ENTRY })
      .getByText('1 acknowledged'),
  ).toBeVisible();
  await page.goto(
    '/catalog/default/component/account-management-legacy/integrations',
  );
  const onTab = page.getByRole('list', { name: 'Breaking changes by date' });
  await expect(
    onTab
      .getByRole('listitem')
      .filter({ hasText: ENTRY })
      .getByText('Acknowledged', { exact: true }),
  ).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('legacy-tab-calendar.png'),
    fullPage: true,
  });

  await page.goto('/integration-health/calendar');
  await page
    .getByRole('button', { name: /Create a feed link|Replace the link/ })
    .click();
  const link = await page
    .locator('code')
    .filter({ hasText: 'feed.ics?token=' })
    .textContent();
  const feed = await page.request.get(link!);
  expect(feed.status()).toBe(200);
  const unfolded = (await feed.text()).replace(/\r\n[ \t]/g, '');
  expect(unfolded).toContain(`SUMMARY:${ENTRY} (1/1 acknowledged)`);
  await page.screenshot({
    path: testInfo.outputPath('calendar-feed-link.png'),
    fullPage: true,
  });

  const after = eventsCheck();
  expect(after.output).toContain('PASS');
  expect(after.code).toBe(0);
});
