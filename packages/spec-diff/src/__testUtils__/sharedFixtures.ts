import fs from 'node:fs';
import path from 'node:path';

/** The third-party fixtures beside the repository (`../shared/fixtures/spec-diff`). */
export const SHARED_FIXTURES = path.resolve(
  __dirname,
  '../../../../../shared/fixtures/spec-diff',
);

/**
 * `describe` for tests that read the shared fixtures: skipped on a clone
 * without them, but in CI (`CI` set) they run and fail, so a missing folder
 * never passes for green.
 */
export const describeWithSharedFixtures: jest.Describe =
  fs.existsSync(SHARED_FIXTURES) || process.env.CI ? describe : describe.skip;

/** Reads a shared fixture, saying where it was looked for when it is missing. */
export function readSharedFixture(relative: string): string {
  const file = path.join(SHARED_FIXTURES, relative);
  if (!fs.existsSync(file)) {
    throw new Error(
      `missing shared fixture ${file}: check out ../shared beside the repository`,
    );
  }
  return fs.readFileSync(file, 'utf8');
}
