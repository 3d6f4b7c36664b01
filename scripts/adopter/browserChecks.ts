import { chromium, Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

type PageCheck = {
  name: string;
  path: string;
  /** Texts that only the plugin renders there. */
  texts: (string | RegExp)[];
};

const PAGES: PageCheck[] = [
  {
    name: 'integrations-tab',
    path: '/catalog/default/component/adopter-checkout-service/integrations',
    texts: [
      'Upstream: what Adopter checkout service depends on',
      'Adopter payments service',
      'Adopter payments API',
      'Adopter checkout database',
    ],
  },
  {
    name: 'calendar',
    path: '/integration-health/calendar',
    texts: ['Breaking-change calendar', 'Announce a change'],
  },
  {
    name: 'scorecard',
    path: '/integration-health/scorecard',
    texts: [
      'Integration health scorecard',
      'adopter-payments',
      'adopter-checkout',
    ],
  },
];

/** Signs in as guest when the stock sign-in page asks. */
async function signInIfAsked(page: Page) {
  const enter = page.getByRole('button', { name: /^enter$/i });
  const signedIn = page.getByRole('navigation');
  await Promise.race([
    enter.waitFor({ timeout: 60_000 }),
    signedIn.first().waitFor({ timeout: 60_000 }),
  ]);
  if (await enter.isVisible()) await enter.click();
}

/**
 * Opens the plugin's pages in Chromium as a guest and checks that each shows
 * what only the plugin renders; saves a screenshot of each.
 */
export async function checkPages(options: {
  baseUrl: string;
  artifacts: string;
}): Promise<string[]> {
  fs.mkdirSync(options.artifacts, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const pageErrors: string[] = [];
  const checked: string[] = [];
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    page.on('pageerror', error => pageErrors.push(String(error)));
    let signedIn = false;
    for (const check of PAGES) {
      const shot = path.join(options.artifacts, `${check.name}.png`);
      try {
        await page.goto(`${options.baseUrl}${check.path}`);
        if (!signedIn) {
          await signInIfAsked(page);
          signedIn = true;
        }
        for (const text of check.texts) {
          await page
            .getByText(text, { exact: typeof text === 'string' })
            .first()
            .waitFor({ timeout: 60_000 });
        }
        await page.screenshot({ path: shot, fullPage: true });
        checked.push(`${check.path}: ${check.texts.join(' · ')}`);
      } catch (error) {
        await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
        const body = await page
          .locator('body')
          .innerText()
          .catch(() => '');
        fs.writeFileSync(
          path.join(options.artifacts, `${check.name}.txt`),
          body,
        );
        throw new Error(
          `${check.path}: ${
            String(error).split('\n')[0]
          }; the page shows:\n${body
            .split('\n')
            .filter(Boolean)
            .slice(0, 30)
            .join('\n')}${
            pageErrors.length ? `\npage errors:\n${pageErrors.join('\n')}` : ''
          }`,
        );
      }
    }
  } finally {
    await browser.close();
  }
  return checked;
}
