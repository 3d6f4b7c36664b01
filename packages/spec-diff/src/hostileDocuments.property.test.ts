import fc from 'fast-check';
import { diffSpecs, SpecInputError } from '.';
import { hostilePair, render } from './__testUtils__/hostileDocuments';

/** What a caller may wait for: 2 s under 1 MB, then 1 s more per MB. */
function boundMs(bytes: number): number {
  return 2000 + Math.max(0, bytes / 1_000_000 - 1) * 1000;
}

/** Findings, the typed error, or what else came back (a failure). */
function outcome(answer: unknown): string {
  if (answer instanceof SpecInputError) return 'SpecInputError';
  const findings = (answer as { findings?: unknown } | undefined)?.findings;
  return Array.isArray(findings) ? 'findings' : String(answer);
}

jest.setTimeout(120_000);

describe('diffSpecs on generated hostile documents', () => {
  it('answers every pair with findings or a SpecInputError, within its time bound', async () => {
    await fc.assert(
      fc.asyncProperty(hostilePair, async recipes => {
        const base = render(recipes.base);
        const revision = render(recipes.revision);
        const bytes = Math.max(base.length, revision.length);
        const started = performance.now();
        const answer = await diffSpecs(base, revision).catch(
          (error: unknown) => error,
        );
        const ms = performance.now() - started;

        expect(['findings', 'SpecInputError']).toContain(outcome(answer));
        expect(ms).toBeLessThan(boundMs(bytes));
      }),
      // A fixed seed: CI meets the same hundred documents on every run.
      { seed: 20261203, numRuns: 100, endOnFailure: true },
    );
  });
});
