import http from 'node:http';
import { PrometheusError } from './PrometheusError';
import { PrometheusSource, PrometheusSourceOptions } from './PrometheusSource';
import { DEFAULT_LABELS, DEFAULT_METRICS } from './serviceGraphQueries';
import { startTestServer, TestServer } from './__testUtils__/testServer';

// Faults and the PromQL sent, against a local server answering like
// Prometheus's /api/v1/query. What a real Prometheus computes is in
// PrometheusSource.realPrometheus.test.ts.

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(s => s.close()));
});

async function prometheus(handler: http.RequestListener) {
  const server = await startTestServer(handler);
  servers.push(server);
  return server;
}

type Series = { metric: Record<string, string>; value: [number, string] };
const vector = (result: Series[]) =>
  JSON.stringify({ status: 'success', data: { resultType: 'vector', result } });
const sample = (metric: Record<string, string>, value: string): Series => ({
  metric,
  value: [1767225600, value],
});

/** Answers each of the three queries with its own vector. */
function answeringVectors(vectors: {
  total: Series[];
  failed?: Series[];
  p95?: Series[];
}) {
  return prometheus((request, response) => {
    const query = new URL(request.url!, 'http://x').searchParams.get('query')!;
    let result = vectors.total;
    if (query.startsWith('histogram_quantile')) result = vectors.p95 ?? [];
    else if (query.includes('failed')) result = vectors.failed ?? [];
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(vector(result));
  });
}

const answering = (status: number, body: string, type = 'application/json') =>
  prometheus((_request, response) => {
    response.writeHead(status, { 'Content-Type': type });
    response.end(body);
  });

function sourceFor(
  server: TestServer,
  options: Partial<PrometheusSourceOptions> = {},
) {
  return new PrometheusSource({
    baseUrl: server.url,
    windowMinutes: 30,
    headers: { Authorization: 'Bearer s3cret' },
    timeoutMs: 5_000,
    metrics: DEFAULT_METRICS,
    labels: DEFAULT_LABELS,
    ...options,
  });
}

const collect = (
  source: PrometheusSource,
  signal = new AbortController().signal,
) => source.collect({ signal });

describe('PrometheusSource', () => {
  it('asks the three service-graph queries over the window, with the configured names and header', async () => {
    const server = await answeringVectors({ total: [] });
    const before = Date.now();
    const seen = await collect(
      sourceFor(server, {
        baseUrl: `${server.url}/prometheus`,
        metrics: {
          requestTotal: 'otel_traces_service_graph_request_total',
          requestFailedTotal: 'otel_traces_service_graph_request_failed_total',
          requestServerSecondsBucket:
            'otel_traces_service_graph_request_server_seconds_bucket',
        },
        labels: { client: 'src', server: 'dst', connectionType: 'kind' },
      }),
    );
    const asked = server.requests.map(r => new URL(r.url!, server.url));
    expect(asked.map(u => u.pathname)).toEqual(
      Array(3).fill('/prometheus/api/v1/query'),
    );
    expect(asked.map(u => u.searchParams.get('query')).sort()).toEqual([
      'histogram_quantile(0.95, sum by (le, src, dst, kind) (rate(otel_traces_service_graph_request_server_seconds_bucket[30m])))',
      'sum by (src, dst, kind) (increase(otel_traces_service_graph_request_failed_total[30m]))',
      'sum by (src, dst, kind) (increase(otel_traces_service_graph_request_total[30m]))',
    ]);
    const time = Number(asked[0].searchParams.get('time')) * 1000;
    expect(time).toBeGreaterThanOrEqual(before - 1);
    expect(time).toBeLessThanOrEqual(Date.now());
    expect(asked[0].searchParams.get('timeout')).toBe('5s');
    expect(server.requests[0].headers.authorization).toBe('Bearer s3cret');
    expect(Date.parse(seen.windowEnd) - Date.parse(seen.windowStart)).toBe(
      30 * 60_000,
    );
    expect(seen).toMatchObject({ calls: [] });
    expect(seen.errors).toBeUndefined();
  });

  it('joins calls, failures and p95 per edge; no p95 where Prometheus has NaN or Inf', async () => {
    const checkout = { client: 'checkout', server: 'payments' };
    const db = {
      client: 'payments',
      server: 'postgres',
      connection_type: 'database',
    };
    const idle = { client: 'web', server: 'checkout' };
    const slow = { client: 'web', server: 'search' };
    const server = await answeringVectors({
      total: [
        sample(checkout, '1204.8'),
        sample(db, '480'),
        sample(idle, '0'),
        sample(slow, '3'),
      ],
      failed: [sample(checkout, '120.3'), sample(db, '0')],
      p95: [
        sample(checkout, '0.175'),
        sample(db, '0.0475'),
        sample(idle, 'NaN'),
        sample(slow, '+Inf'),
      ],
    });
    const seen = await collect(sourceFor(server));
    expect(seen.calls).toEqual([
      {
        client: 'checkout',
        server: 'payments',
        calls: 1205,
        failedCalls: 120,
        p95LatencyMs: 175,
      },
      {
        client: 'payments',
        server: 'postgres',
        connectionType: 'database',
        calls: 480,
        failedCalls: 0,
        p95LatencyMs: 47.5,
      },
      { client: 'web', server: 'checkout', calls: 0 },
      { client: 'web', server: 'search', calls: 3 },
    ]);
    expect(seen.errors).toBeUndefined();
  });

  it('leaves out series without a client or server label, in one error line', async () => {
    const orphans = Array.from({ length: 2_000 }, (_, i) =>
      sample({ client: `batch-${i}` }, '5'),
    );
    const server = await answeringVectors({
      total: [sample({ client: 'a', server: 'b' }, '10'), ...orphans],
      p95: [sample({ server: 'b' }, '0.2')],
    });
    const seen = await collect(sourceFor(server));
    expect(seen.calls).toEqual([{ client: 'a', server: 'b', calls: 10 }]);
    expect(seen.errors).toHaveLength(1);
    expect(seen.errors![0]).toMatch(
      /^2001 service-graph series had no client or server label and were left out \(labels seen: \{"client":"batch-0"\}/,
    );
  });

  it('with label names the metrics do not have, leaves every edge out and says so', async () => {
    // What Prometheus answers for `sum by (source, target, connection_type)`
    // when no series has those labels: one series without them.
    const server = await answeringVectors({
      total: [sample({}, '1500')],
      failed: [sample({}, '12')],
      p95: [sample({}, '0.3')],
    });
    const seen = await collect(
      sourceFor(server, {
        labels: { client: 'source', server: 'target', connectionType: 'type' },
      }),
    );
    expect(seen.calls).toEqual([]);
    expect(seen.errors).toEqual([
      '1 service-graph series had no source or target label and were left out (labels seen: {})',
    ]);
  });

  it('leaves out an edge whose count is negative or NaN, and says so', async () => {
    const server = await answeringVectors({
      total: [
        sample({ client: 'a', server: 'b' }, '-3'),
        sample({ client: 'a', server: 'c' }, 'NaN'),
        sample({ client: 'a', server: 'd' }, '4'),
      ],
    });
    const seen = await collect(sourceFor(server));
    expect(seen.calls).toEqual([{ client: 'a', server: 'd', calls: 4 }]);
    expect(seen.errors).toEqual([
      '2 service-graph edges had a request count that is not a number of 0 or more and were left out',
    ]);
  });

  it('throws with Prometheus’s own words when it refuses a query', async () => {
    const server = await answering(
      400,
      JSON.stringify({
        status: 'error',
        errorType: 'bad_data',
        error:
          'invalid parameter "query": 1:45: parse error: unexpected character',
      }),
    );
    const failure = collect(sourceFor(server));
    await expect(failure).rejects.toThrow(PrometheusError);
    await expect(failure).rejects.toThrow(
      'Prometheus refused the query (bad_data), answering 400 Bad Request: invalid parameter "query": 1:45: parse error: unexpected character',
    );
  });

  it('throws with the status on a 500', async () => {
    const server = await answering(500, 'upstream connect error', 'text/plain');
    await expect(collect(sourceFor(server))).rejects.toThrow(
      'Prometheus answered 500 Internal Server Error: upstream connect error',
    );
  });

  it('gives up on a Prometheus that never answers within the timeout', async () => {
    const server = await prometheus(() => {
      // never answers
    });
    const started = Date.now();
    await expect(
      collect(sourceFor(server, { timeoutMs: 300 })),
    ).rejects.toThrow(/api\/v1\/query took longer than 0.3 s/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops when the sync aborts it', async () => {
    const server = await prometheus(() => {
      // never answers
    });
    const sync = new AbortController();
    const failure = collect(sourceFor(server), sync.signal);
    setTimeout(() => sync.abort(new Error('the source took too long')), 50);
    await expect(failure).rejects.toThrow(
      /was aborted: the source took too long/,
    );
  });

  it('throws on a body that is not JSON', async () => {
    const server = await answering(200, '<html>Grafana</html>', 'text/html');
    await expect(collect(sourceFor(server))).rejects.toThrow(
      /Prometheus answered something that is not JSON/,
    );
  });

  it.each([
    ['a list', '[]', /without status success and data/],
    ['no data', '{"status":"success"}', /without status success and data/],
    [
      'a range result',
      JSON.stringify({
        status: 'success',
        data: { resultType: 'matrix', result: [] },
      }),
      /a "matrix" result, not an instant vector/,
    ],
    [
      'a series without value',
      JSON.stringify({
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: {} }] },
      }),
      /series 0 has no labels and \[time, "value"\] pair/,
    ],
    [
      'a value that is a number',
      vector([{ metric: {}, value: [1, 12 as any] }]),
      /series 0 has no labels/,
    ],
    [
      'a label that is not text',
      vector([{ metric: { client: 1 as any }, value: [1, '2'] }]),
      /series 0 has no labels/,
    ],
    [
      'a value that is not a number',
      vector([{ metric: {}, value: [1, 'many'] }]),
      /sample value that is not a number: "many"/,
    ],
  ])('throws on the wrong shape: %s', async (_case, body, message) => {
    const failure = collect(sourceFor(await answering(200, body)));
    await expect(failure).rejects.toThrow(PrometheusError);
    await expect(failure).rejects.toThrow(message);
  });

  it('refuses a body over 10 MB', async () => {
    const server = await prometheus((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write(
        '{"status":"success","data":{"resultType":"vector","result":[',
      );
      const series = `${JSON.stringify(
        sample({ client: 'a', server: 'b' }, '1'),
      )},`;
      const chunk = series.repeat(Math.ceil((1024 * 1024) / series.length));
      for (let i = 0; i < 11; i++) response.write(chunk);
      response.end('{"metric":{},"value":[1,"1"]}]}}');
    });
    await expect(collect(sourceFor(server))).rejects.toThrow(
      /answered more than 10 MB; not read/,
    );
  });

  it('refuses more than 100,000 series', async () => {
    const many = Array.from({ length: 100_001 }, (_, i) =>
      sample({ client: `c${i}`, server: 's' }, '1'),
    );
    const server = await answering(200, vector(many));
    await expect(collect(sourceFor(server))).rejects.toThrow(
      /answered 100001 series, more than the 100000 read/,
    );
  });

  it('does not follow a redirect, so the headers go nowhere else', async () => {
    const elsewhere = await answeringVectors({ total: [] });
    const server = await prometheus((request, response) => {
      response.writeHead(307, { Location: `${elsewhere.url}${request.url}` });
      response.end();
    });
    await expect(collect(sourceFor(server))).rejects.toThrow(
      /answered a redirect, which is not followed/,
    );
    expect(elsewhere.requests).toHaveLength(0);
  });
});
