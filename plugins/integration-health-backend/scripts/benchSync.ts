/**
 * Measures the production path of the sync job and the read routes: the
 * plugin with both evidence modules (a Pact Broker double serving 2,000
 * integrations, 1,000 mock files) in a test backend whose catalog is the
 * real catalog backend, fed a synthetic organisation through an entity
 * provider. Runs each scale and engine in its own process: 10,000
 * components on SQLite and on PostgreSQL, then 100,000 on PostgreSQL (on a
 * catalog double when ingesting it through the catalog would take too long
 * here). Prints progress lines, the targets, then one JSON object as the
 * last line.
 *
 *   npm run bench:sync -- [--quick] [--only sqlite-10k|pg-10k|pg-100k]
 *     [--components N --groups N (with --only)] [--catalog-100k backend|double]
 *     [--pg-10k-ingestion-s S (with --only pg-100k)]
 *
 * PostgreSQL is the one BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 * names, else a throwaway cluster (scripts/postgres-env.sh).
 */
import { round } from './benchParts';
import { runScaleInChild } from './bench/childRun';
import { checkTargets, ScaleResult } from './bench/targets';
import { postgresForBench } from './bench/throwawayPostgres';

const flag = (name: string) => process.argv.includes(`--${name}`);
function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** Ingesting through the catalog longer than this is too long for one run here. */
const MAX_INGESTION_S = 15 * 60;

type Run = { id: string; engine: 'sqlite' | 'pg'; components: number };

async function main() {
  const quick = flag('quick');
  const only = argument('only');
  const runs: Run[] = [
    { id: 'sqlite-10k', engine: 'sqlite', components: 10_000 },
    { id: 'pg-10k', engine: 'pg', components: 10_000 },
    { id: 'pg-100k', engine: 'pg', components: 100_000 },
  ].filter(
    (r): r is Run =>
      only ? r.id === only : !(quick && r.id === 'pg-100k'),
  );
  const postgres = runs.some(r => r.engine === 'pg')
    ? await postgresForBench()
    : undefined;
  const results: Record<string, ScaleResult | null> = {};
  const reasons: Record<string, string> = {};
  try {
    for (const run of runs) {
      if (run.engine === 'pg' && !postgres?.url) {
        results[run.id] = null;
        reasons[run.id] = postgres?.reason ?? 'no PostgreSQL';
        continue;
      }
      const args = [
        '--engine',
        run.engine,
        '--components',
        argument('components') ?? String(run.components),
        '--groups',
        argument('groups') ?? '300',
        '--peer-samples',
        quick ? '10' : '20',
      ];
      if (run.id === 'pg-100k') {
        const chosen = argument('catalog-100k');
        // With --only pg-100k, a 10k ingestion time measured earlier may be given.
        const measured =
          results['pg-10k']?.catalog_ingestion_s ??
          argument('pg-10k-ingestion-s');
        const extrapolated =
          measured === undefined || measured === null
            ? undefined
            : Number(measured) * 10;
        const useDouble =
          chosen === 'double' ||
          (chosen !== 'backend' &&
            (extrapolated === undefined || extrapolated > MAX_INGESTION_S));
        reasons[run.id] = useDouble
          ? `catalog double: ingesting ~130k entities through the catalog backend would take ${
              extrapolated
                ? `~${Math.round(extrapolated / 60)} min (10 × the ${measured} s measured at 10k on PostgreSQL)`
                : 'too long (not measured at 10k in this run)'
            }, over the ${MAX_INGESTION_S / 60} min limit`
          : 'catalog backend';
        process.stdout.write(`[pg 100k] ${reasons[run.id]}\n`);
        if (useDouble) args.push('--catalog', 'double');
      }
      const env = { ...process.env };
      if (postgres?.url) {
        env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING = postgres.url;
      }
      const start = performance.now();
      try {
        results[run.id] = await runScaleInChild(args, env);
        results[run.id]!.run_s = round((performance.now() - start) / 1000, 0);
      } catch (error) {
        results[run.id] = null;
        reasons[run.id] = (error as Error).message;
      }
    }
  } finally {
    postgres?.stop();
  }
  if (quick && !only) {
    results['pg-100k'] = null;
    reasons['pg-100k'] = 'skipped with --quick';
  }

  const targets: Record<string, ReturnType<typeof checkTargets>> = {};
  for (const [id, result] of Object.entries(results)) {
    if (!result) continue;
    targets[id] = checkTargets(
      id.endsWith('100k') ? '100k' : '10k',
      result,
    );
    for (const t of targets[id]) {
      let verdict = t.met ? 'met' : 'MISSED';
      if (t.met === null) verdict = 'not measured';
      process.stdout.write(
        `target ${id} ${t.field} ${t.target}: ${t.value ?? '–'} ${verdict}\n`,
      );
    }
  }

  const main10k = results['sqlite-10k'] ?? (only ? results[only] : null);
  const scale = (id: string) =>
    id in results || reasons[id]
      ? results[id] ?? { reason: reasons[id] ?? 'not run' }
      : null;
  const summary = {
    ...main10k,
    production_path: true,
    catalog: main10k?.catalog ?? null,
    evidence_integrations: main10k?.evidence_integrations ?? null,
    peer_blast_radius_ms: main10k?.peer_blast_radius_ms ?? null,
    blast_radius_ratio: main10k?.blast_radius_ratio ?? null,
    pg_10k: scale('pg-10k'),
    pg_100k: scale('pg-100k'),
    targets,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  const failed = Object.entries(results).some(
    ([id, r]) =>
      (!r && reasons[id] !== 'skipped with --quick') ||
      (typeof r?.errors === 'number' && r.errors > 0),
  );
  process.exit(failed ? 1 : 0);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(2);
});
