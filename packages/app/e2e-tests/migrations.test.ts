import { expect, Page, test } from '@playwright/test';
import { waitForBackend } from './backend';
import { ciCheck, repo } from './portal';
import path from 'node:path';

const ENTRY =
  'transactions-db 202612010900_rename_account_no.sql: 1 breaking change';
const RENAME = path.join(
  repo,
  'examples/databases/transactions-db/migrations/202612010900_rename_account_no.sql',
);

/** The schema owners' CI check on a migration, as their pipeline runs it. */
const ciCheckMigration = (file: string) =>
  ciCheck([
    '--resource',
    'resource:default/transactions-db',
    '--migration',
    file,
  ]);

async function signIn(page: Page) {
  await waitForBackend(page.request);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
}

test('the column rename in transactions-db is on the calendar with transaction-validation pending, and the CI check names the broken query', async ({
  page,
}, testInfo) => {
  await signIn(page);
  await page.goto('/integration-health/calendar');
  // The first sync reads the migrations shortly after the backend starts.
  await expect(async () => {
    await page.reload();
    const enter = page.getByRole('button', { name: 'Enter' });
    if (await enter.isVisible()) await enter.click();
    await expect(page.getByRole('button', { name: ENTRY })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 180_000 });
  await page.getByRole('button', { name: ENTRY }).click();
  const dialog = page.getByRole('dialog');
  const consumers = dialog.getByRole('table', {
    name: 'Consumers and their acknowledgements',
  });
  const validation = consumers
    .getByRole('row')
    .filter({ hasText: 'transaction-validation' });
  await expect(validation).toContainText('Pending');
  // Processing's queries still prepare after the rename: not reached.
  await expect(consumers).not.toContainText('transaction-processing');
  await expect(dialog).toContainText('detected in the migration history');
  await expect(dialog).toContainText('renamed: account_no → account_number');
  await expect(dialog).toContainText(
    'Not reached, as all their declared queries still prepare after this migration',
  );
  await dialog.screenshot({ path: testInfo.outputPath('migration-entry.png') });

  const check = ciCheckMigration(RENAME);
  expect(check.output).toContain('find_account.sql');
  expect(check.output).toContain('column "account_no" does not exist');
  expect(check.code).toBe(1);

  // The database's tab shows its schema history and the latest check.
  await page.goto('/catalog/default/resource/transactions-db/integrations');
  const card = page.getByRole('article').filter({
    has: page.getByRole('heading', { name: 'Schema history' }),
  });
  await expect(card).toContainText('202612010900_rename_account_no.sql');
  await expect(card).toContainText('202611250900_merchant_category.sql');
  await expect(card).toContainText('find_account.sql');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: testInfo.outputPath('schema-history.png') });
});

test('the CI check passes a harmless migration', async ({ page }) => {
  await signIn(page);
  const harmless = ciCheckMigration(
    path.join(
      repo,
      'examples/databases/transactions-db/migrations/202611250900_merchant_category.sql',
    ),
  );
  expect(harmless.output).toMatch(/PASS/);
  expect(harmless.code).toBe(0);
});
