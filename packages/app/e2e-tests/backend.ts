import { APIRequestContext, expect } from '@playwright/test';

/**
 * Waits until the demo backend says it is ready: the frontend answers long
 * before it, and a guest sign-in before then fails.
 */
export async function waitForBackend(request: APIRequestContext) {
  await expect(async () => {
    const res = await request.get(
      'http://localhost:7007/.backstage/health/v1/readiness',
    );
    expect(res.status()).toBe(200);
  }).toPass({ timeout: 300_000, intervals: [2_000] });
}
