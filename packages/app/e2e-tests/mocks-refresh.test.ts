import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { waitForBackend } from './backend';

// The legacy account system keeps its pact of the transaction events in its
// repository, where the demo's mock-files source reads it on every sync.
// This file runs last: the pact is put back as it was at the end.
const PACT = path.resolve(
  __dirname,
  '../../../examples/mocks/account-management-legacy/transaction-events.pact.json',
);

test("the legacy account system downloads its pact refreshed from the provider's current spec, sees the renamed field, and scores 100 once it keeps it", async ({
  page,
}, testInfo) => {
  const original = fs.readFileSync(PACT, 'utf8');
  try {
    await waitForBackend(page.request);
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.goto(
      '/catalog/default/component/account-management-legacy/integrations',
    );
    const row = page
      .getByRole('main')
      .getByRole('grid')
      .first()
      .getByRole('row')
      .filter({ hasText: 'Transaction events' });
    await expect(async () => {
      await page.reload();
      const enter = page.getByRole('button', { name: 'Enter' });
      if (await enter.isVisible()) await enter.click();
      await expect(
        row.getByRole('button', { name: /^Mock freshness: \d+/ }),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 180_000 });

    await row
      .getByRole('button', { name: /^Mocks from the current spec/ })
      .click();
    const dialog = page.getByRole('dialog');
    const diff = dialog.getByLabel(
      'Changed since 1.0.0, which your current mocks were made from',
    );
    await expect(diff).toContainText('- "accountId"');
    await expect(diff).toContainText('+ "accountRef"');
    await page.screenshot({ path: testInfo.outputPath('generated-mocks.png') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: /^Download / }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/2\.0\.0\.pact\.json$/);
    const saved = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(saved);
    const pact = JSON.parse(fs.readFileSync(saved, 'utf8'));
    expect(pact.metadata['integration-health']).toEqual({
      specVersion: '2.0.0',
    });
    const booked = pact.interactions.find(
      (i: any) => i.metadata?.topic === 'transactions.booked',
    );
    expect(booked.contents.content).toHaveProperty('accountRef');
    expect(booked.contents.content).not.toHaveProperty('accountId');
    await page.keyboard.press('Escape');

    // Kept in the consumer's repository; the next sync reads it.
    fs.writeFileSync(PACT, fs.readFileSync(saved, 'utf8'));
    await expect(async () => {
      await page.reload();
      await expect(
        row.getByRole('button', { name: /^Mock freshness: 100/ }),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 150_000, intervals: [5_000] });
    await page.screenshot({ path: testInfo.outputPath('mocks-refreshed.png') });
  } finally {
    fs.writeFileSync(PACT, original);
  }
});
