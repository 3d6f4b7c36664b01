import type { PGlite } from '@electric-sql/pglite';
import { applyMigration } from './applyMigration';
import { PgliteRuntime } from './PgliteRuntime';
import { prepareQueries } from './prepareQueries';
import { BudgetExceeded, RunBudget } from './RunBudget';
import {
  DryRunInput,
  DryRunOptions,
  DryRunResult,
  MigrationFailure,
  QueryOutcome,
} from './types';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_MEMORY_MB = 1024;
const DEFAULT_MAX_SQL_BYTES = 5_000_000;

function oversized(input: DryRunInput, maxBytes: number): string | undefined {
  const texts = [
    ...input.history.map(m => ({ what: `migration ${m.id}`, sql: m.sql })),
    { what: `candidate ${input.candidate.id}`, sql: input.candidate.sql },
    ...input.queries.map(q => ({
      what: `query ${q.name} of ${q.consumerRef}`,
      sql: q.sql,
    })),
  ];
  const over = texts.find(t => Buffer.byteLength(t.sql) > maxBytes);
  return over && `${over.what} is over the limit of ${maxBytes} bytes`;
}

async function judge(
  db: PGlite,
  input: DryRunInput,
  budget: RunBudget,
  maxSqlBytes: number,
): Promise<Pick<DryRunResult, 'status' | 'failure' | 'queries'>> {
  const parseOptions = { maxSqlBytes };
  for (const migration of input.history) {
    const failure = await applyMigration(db, migration, budget, parseOptions);
    if (failure) return { status: 'history-failed', failure, queries: [] };
  }
  const before = await prepareQueries(db, input.queries, budget);
  const failure: MigrationFailure | undefined = await applyMigration(
    db,
    input.candidate,
    budget,
    parseOptions,
  );
  if (failure) return { status: 'candidate-failed', failure, queries: [] };
  const after = await prepareQueries(db, input.queries, budget);
  const queries = input.queries.map((q, i): QueryOutcome => {
    const base = { consumerRef: q.consumerRef, name: q.name };
    if (before[i])
      return { ...base, status: 'already-broken', error: before[i] };
    if (after[i]) return { ...base, status: 'broken', error: after[i] };
    return { ...base, status: 'ok' };
  });
  return { status: 'completed', queries };
}

/**
 * Applies the history and the candidate to a fresh embedded PostgreSQL of
 * `runtime` and prepares every consumer query before and after the candidate.
 * Bad SQL and failing migrations are results, not exceptions.
 */
export async function runDryRun(
  runtime: PgliteRuntime,
  input: DryRunInput,
  options: DryRunOptions = {},
  startedAt = performance.now(),
): Promise<DryRunResult> {
  const maxSqlBytes = options.maxSqlBytes ?? DEFAULT_MAX_SQL_BYTES;
  const elapsed = () => Math.round(performance.now() - startedAt);
  const tooLarge = oversized(input, maxSqlBytes);
  if (tooLarge) {
    return {
      status: 'input-too-large',
      message: tooLarge,
      queries: [],
      durationMs: elapsed(),
    };
  }
  const budget = new RunBudget(
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB,
    startedAt,
  );
  let db: PGlite | undefined;
  try {
    budget.check();
    db = await runtime.newDatabase();
    const outcome = await judge(db, input, budget, maxSqlBytes);
    return { ...outcome, durationMs: elapsed() };
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    return {
      status: error.status,
      message: error.message,
      queries: [],
      durationMs: elapsed(),
    };
  } finally {
    await db?.close();
  }
}
