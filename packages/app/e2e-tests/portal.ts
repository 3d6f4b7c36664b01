import { APIRequestContext, expect, Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** The repository's root, for the CI check's binary and the demo's files. */
export const repo = path.resolve(__dirname, '../../..');

/** The CI check with these arguments, as a pipeline runs it with the demo's token. */
export function ciCheck(args: string[]) {
  const run = spawnSync(
    process.execPath,
    [
      path.join(repo, 'packages/ci-check/bin/integration-health-check'),
      ...args,
    ],
    {
      cwd: repo,
      encoding: 'utf8',
      env: {
        ...process.env,
        BACKSTAGE_URL: 'http://localhost:7007',
        // The demo's pipeline token (app-config.yaml).
        BACKSTAGE_TOKEN: 'demo-pipeline-token-not-for-production',
      },
    },
  );
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Mei's Backstage token, as the guest sign-in gives it to the browser. */
export async function meiToken(request: APIRequestContext): Promise<string> {
  const res = await request.get(
    'http://localhost:7007/api/auth/guest/refresh?env=development',
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(res.ok()).toBe(true);
  return (await res.json()).backstageIdentity.token;
}

/**
 * Signs in as the guest and waits until the app has taken the sign-in: a
 * navigation straight after the click can come back to the sign-in page.
 */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.click();
  await expect(enter).toBeHidden();
}
