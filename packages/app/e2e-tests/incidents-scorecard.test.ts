import { expect, Page, test } from '@playwright/test';
import { waitForBackend } from './backend';
import fs from 'node:fs';

const LEGACY_TAB =
  '/catalog/default/component/account-management-legacy/integrations';
const EVENTS_INTEGRATION =
  'account-management-legacy → transaction-processing (transaction-events)';

/** Opens a page of the portal once the first sync has run, signing in when asked. */
async function openAfterSync(page: Page, url: string, ready: RegExp) {
  await page.goto(url);
  await expect(async () => {
    await page.reload();
    const enter = page.getByRole('button', { name: 'Enter' });
    if (await enter.isVisible()) await enter.click();
    await expect(page.getByText(ready).first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 180_000 });
}

const utc = (daysAgo: number, time: string) =>
  `${new Date(Date.now() - daysAgo * 86_400_000)
    .toISOString()
    .slice(0, 10)} ${time}`;

test('an owner records an incident at the legacy event integration; the scorecard counts it, drills down to it and exports it', async ({
  page,
}, testInfo) => {
  await waitForBackend(page.request);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await openAfterSync(page, LEGACY_TAB, /upstream, \d+ downstream/);

  // Mei Tanaka (ledger-engineering) owns the consumer side.
  const card = page.getByRole('main').locator('div', {
    has: page.getByRole('heading', { name: 'Incidents', exact: true }),
  });
  await page.getByRole('button', { name: 'Record an incident' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /Integration$/ }).click();
  await page.getByRole('option', { name: EVENTS_INTEGRATION }).click();
  await dialog
    .getByRole('textbox', { name: 'What broke' })
    .fill('Card payments not booked in the ledger');
  await dialog
    .getByRole('textbox', { name: 'Started (UTC)' })
    .fill(utc(1, '08:15'));
  await dialog
    .getByRole('textbox', { name: 'Ended (UTC)' })
    .fill(utc(1, '09:50'));
  await dialog
    .getByRole('textbox', { name: 'Affected transactions' })
    .fill('1200');
  await dialog
    .getByRole('textbox', { name: 'Money affected' })
    .fill('48200.50');
  await dialog.getByRole('textbox', { name: 'Currency' }).fill('EUR');
  await dialog
    .getByRole('button', { name: /Triggered by a calendar entry$/ })
    .click();
  await page
    .getByRole('option', {
      name: /transaction-events 2\.0\.0: 1 breaking change/,
    })
    .click();
  await dialog
    .getByRole('button', { name: /Evidence that was out of sync$/ })
    .click();
  await page.getByRole('option', { name: 'A mock' }).click();
  await dialog
    .getByRole('textbox', { name: 'What was out of sync' })
    .fill('The legacy pact of transaction events still sent accountId');
  await dialog
    .getByRole('textbox', { name: 'Post-mortem links' })
    .fill('https://wiki.example.com/postmortems/ledger-bookings');
  await page.screenshot({ path: testInfo.outputPath('incident-form.png') });
  await dialog.getByRole('button', { name: 'Record' }).click();
  await expect(dialog).toBeHidden();

  const section = page.getByRole('region', {
    name: `Incidents at ${EVENTS_INTEGRATION}`,
  });
  const incident = section
    .getByRole('listitem')
    .filter({ hasText: 'Card payments not booked in the ledger' })
    .first();
  await expect(
    incident.getByText('Impact: 95 min · 1,200 transactions · EUR 48,200.50'),
  ).toBeVisible();
  await expect(
    incident.getByText('Calendar: transaction-events 2.0.0: 1 breaking change'),
  ).toBeVisible();
  await expect(
    incident.getByRole('link', { name: 'The calendar entry' }),
  ).toHaveAttribute('href', /\/integration-health\/calendar\?entry=/);
  await expect(
    incident.getByText(
      /^(Scores warned|Scores did not warn|No scores before it)/,
    ),
  ).toBeVisible();
  await expect(
    section.getByRole('img', {
      name: /Contract and mock freshness over the last 90 days, with incident on/,
    }),
  ).toBeVisible();
  await card.first().scrollIntoViewIfNeeded();
  await section.screenshot({
    path: testInfo.outputPath('incident-timeline.png'),
  });

  // The scorecard counts it for the team, and drills down to it.
  await page.goto('/integration-health/scorecard');
  const table = page.getByRole('table', { name: 'Scorecard by team' });
  const team = table.getByRole('row', { name: /ledger-engineering/ });
  await expect(
    team.getByText(/^\d+ min · \d+ tx · EUR [\d,]+\.\d\d$/),
  ).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('scorecard.png'),
    fullPage: true,
  });

  // By keyboard: the drill-down button is reachable and opens with Enter.
  await team
    .getByRole('button', {
      name: 'Integrations of group:default/ledger-engineering',
    })
    .focus();
  await page.keyboard.press('Enter');
  const drill = page.getByRole('table', {
    name: 'Integrations of ledger-engineering',
  });
  const first = drill.getByRole('row').nth(1);
  // Names turn into titles once the catalog answers: check where links go.
  await expect(
    first.getByRole('link', { name: 'Integrations tab' }),
  ).toHaveAttribute(
    'href',
    /component\/account-management-legacy\/integrations$/,
  );
  await expect(
    first.locator('a[href$="/component/transaction-processing"]').first(),
  ).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('scorecard-drill-down.png'),
  });
  await page.keyboard.press('Escape');
  await expect(drill).toBeHidden();

  // The CSV states its snapshot date and has the team's row.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file, 'utf8').split('\n');
  expect(csv[0]).toMatch(
    /^# Integration Health scorecard by team, snapshot \d{4}-\d\d-\d\d/,
  );
  expect(csv[1]).toContain('incidents,incidentMinutes,affectedTransactions');
  expect(
    csv.find(line => line.startsWith('group:default/ledger-engineering,')),
  ).toBeDefined();

  // The drill-down leads to the catalog pages.
  await team
    .getByRole('button', {
      name: 'Integrations of group:default/ledger-engineering',
    })
    .click();
  await drill
    .getByRole('row')
    .nth(1)
    .getByRole('link', { name: 'Integrations tab' })
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/account-management-legacy\/integrations/,
  );

  // Readable in the dark theme.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/integration-health/scorecard');
  await expect(table).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('scorecard-dark.png'),
    fullPage: true,
  });
  await page.goto(LEGACY_TAB);
  await expect(section).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('integrations-tab-dark.png'),
    fullPage: true,
  });
});
