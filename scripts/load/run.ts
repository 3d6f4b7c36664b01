/**
 * Load test: signed-in readers on the Integrations tab's routes while syncs
 * run and hostile candidates are checked, against the plugin on 127.0.0.1.
 * Prints p50/p99 per route and overall and the count of 5xx answers; exits
 * 1 when there was any.
 *
 *   npm run test:load   (LOAD_SECONDS=30, LOAD_READERS=50, LOAD_COMPONENTS=300)
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  percentile,
  round,
} from '../../plugins/integration-health-backend/scripts/benchParts';
import {
  deepYaml,
  run,
} from '../../plugins/integration-health-backend/src/__testUtils__/hostileSpecs';
import { startLoopbackBackend } from './loopbackBackend';

const setting = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);

type Sample = { route: string; ms: number; status: number };

const entityPath = (ref: string) => {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `/v1/entities/${kind}/${namespace}/${name}`;
};

async function timedFetch(url: string, init: RequestInit) {
  const started = performance.now();
  try {
    const res = await fetch(url, init);
    await res.arrayBuffer();
    return { ms: performance.now() - started, status: res.status };
  } catch {
    // A refused or dropped connection counts as a server failure.
    return { ms: performance.now() - started, status: 599 };
  }
}

function summary(samples: Sample[]) {
  const ms = samples.map(s => s.ms);
  return {
    requests: samples.length,
    p50_ms: round(percentile(ms, 50), 1),
    p99_ms: round(percentile(ms, 99), 1),
    '5xx': samples.filter(s => s.status >= 500).length,
  };
}

async function main() {
  const seconds = setting('LOAD_SECONDS', 30);
  const readers = setting('LOAD_READERS', 50);
  const backend = await startLoopbackBackend({
    components: setting('LOAD_COMPONENTS', 300),
    groups: 20,
  });
  const { catalog, baseUrl } = backend;
  process.stdout.write(
    `catalog: ${catalog.entities.length} entities; ${readers} readers for ${seconds} s on ${baseUrl}\n`,
  );
  await backend.sync();

  const pick = <T>(items: T[]) =>
    items[Math.floor(Math.random() * items.length)];
  // The routes the Integrations tab and its cards call.
  const routes: [string, () => string][] = [
    [
      'integrations',
      () => `${entityPath(pick(catalog.componentRefs))}/integrations`,
    ],
    ['graph', () => `${entityPath(pick(catalog.componentRefs))}/graph`],
    [
      'score-trend',
      () => `${entityPath(pick(catalog.componentRefs))}/score-trend`,
    ],
    [
      'spec-versions',
      () => `${entityPath(pick(catalog.apiRefs))}/spec-versions`,
    ],
    [
      'breaking-changes',
      () => `${entityPath(pick(catalog.apiRefs))}/breaking-changes`,
    ],
    ['calendar', () => '/v1/calendar'],
  ];
  const until = Date.now() + seconds * 1000;
  const samples: Sample[] = [];

  const reader = async (index: number) => {
    const headers = {
      Authorization: mockCredentials.user.header(
        `user:default/reader-${index}`,
      ),
    };
    while (Date.now() < until) {
      const [route, path] = pick(routes);
      const { ms, status } = await timedFetch(`${baseUrl}${path()}`, {
        headers,
      });
      samples.push({ route, ms, status });
    }
  };

  const syncMs: number[] = [];
  const syncsFailed: string[] = [];
  // A sync every half second, far more often than any schedule: run back
  // to back, the promise chain of a sync on SQLite would starve the socket.
  const syncLoop = async () => {
    while (Date.now() < until) {
      const started = performance.now();
      await backend.sync().catch(e => syncsFailed.push(String(e)));
      syncMs.push(performance.now() - started);
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  };

  const candidates: [string, string][] = [
    ['8 MB deeply nested YAML', deepYaml(8_000_000)],
    ['1 MB of quotes', run('openapi: 3.0.3\ninfo:\n  title: ', '"', 1_000_000)],
  ];
  const checks: Sample[] = [];
  const checkLoop = async () => {
    const apiRef = catalog.apiRefs[0];
    for (let i = 0; Date.now() < until; i++) {
      const [name, spec] = candidates[i % candidates.length];
      const { ms, status } = await timedFetch(`${baseUrl}/v1/calendar/check`, {
        method: 'POST',
        headers: {
          Authorization: mockCredentials.user.header(),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ apiRef, spec }),
      });
      checks.push({ route: name, ms, status });
    }
  };

  await Promise.all([
    ...Array.from({ length: readers }, (_, i) => reader(i)),
    syncLoop(),
    checkLoop(),
  ]);
  await backend.stop();

  const byRoute = Object.fromEntries(
    routes.map(([route]) => [
      route,
      summary(samples.filter(s => s.route === route)),
    ]),
  );
  const statuses = (list: Sample[]) =>
    Object.entries(
      list.reduce<Record<string, number>>((tally, s) => {
        const key = `${s.route} ${s.status}`;
        tally[key] = (tally[key] ?? 0) + 1;
        return tally;
      }, {}),
    ).map(([key, n]) => `${key} ×${n}`);
  const result = {
    readers,
    seconds,
    overall: summary(samples),
    routes: byRoute,
    syncs: syncMs.length,
    sync_p50_ms: round(percentile(syncMs, 50), 1),
    syncs_failed: syncsFailed.length,
    hostile_checks: statuses(checks),
    hostile_check_p50_ms: round(
      percentile(
        checks.map(c => c.ms),
        50,
      ),
      1,
    ),
    reader_statuses: statuses(samples.filter(s => s.status !== 200)),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  const failures =
    result.overall['5xx'] + checks.filter(c => c.status >= 500).length;
  process.exit(failures === 0 && syncsFailed.length === 0 ? 0 : 1);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(2);
});
