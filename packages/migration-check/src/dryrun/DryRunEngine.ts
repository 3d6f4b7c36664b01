import { PgliteRuntime } from './PgliteRuntime';
import { runDryRun } from './runDryRun';
import { DryRunInput, DryRunOptions, DryRunResult } from './types';

/**
 * Runs dry runs one after another on a shared embedded-PostgreSQL runtime.
 * Create one per worker thread and keep it: the first costs seconds
 * (compiling PostgreSQL, initdb), each dry run after it about one.
 *
 * @public
 */
export interface DryRunEngine {
  /** Builds the schema from the history, applies the candidate and judges every query. */
  dryRun(input: DryRunInput, options?: DryRunOptions): Promise<DryRunResult>;
}

/**
 * Prepares the embedded PostgreSQL a DryRunEngine runs on.
 *
 * @public
 */
export async function createDryRunEngine(): Promise<DryRunEngine> {
  const runtime = await PgliteRuntime.create({ template: true });
  return {
    dryRun: (input, options) => runDryRun(runtime, input, options),
  };
}

/**
 * One dry run on a runtime of its own: builds the schema from the history on
 * an embedded PostgreSQL, applies the candidate and prepares every consumer
 * query before and after it. The time bound counts the runtime's start.
 *
 * @public
 */
export async function dryRunMigration(
  input: DryRunInput,
  options: DryRunOptions = {},
): Promise<DryRunResult> {
  const startedAt = performance.now();
  const runtime = await PgliteRuntime.create({ template: false });
  return runDryRun(runtime, input, options, startedAt);
}
