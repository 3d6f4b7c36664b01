import { ObservedCalls } from '@integration-health/plugin-integration-health-node';
import { PrometheusClient } from './PrometheusClient';
import { PrometheusSource } from './PrometheusSource';
import { DEFAULT_LABELS, DEFAULT_METRICS } from './serviceGraphQueries';
import {
  prometheusBinary,
  RealPrometheus,
  startPrometheus,
} from './__testUtils__/realPrometheus';
import {
  ServiceGraphExporter,
  startServiceGraphExporter,
} from './__testUtils__/serviceGraphExporter';

jest.setTimeout(120_000);

// A real Prometheus scrapes a small exporter of service-graph metrics every
// second; the source's queries must find each edge's calls, failures and p95
// latency. increase() extrapolates to the window's edges, so counts are
// checked with a tolerance; ratios and latencies are close to exact.

const missing = !prometheusBinary();
if (missing && !process.env.CI) {
  // eslint-disable-next-line no-console
  console.warn(
    'Skipped the real Prometheus test: no prometheus binary (apt-get install prometheus)',
  );
}
const describeWithPrometheus =
  missing && !process.env.CI ? describe.skip : describe;

describeWithPrometheus('PrometheusSource with a real Prometheus', () => {
  let exporter: ServiceGraphExporter;
  let prometheus: RealPrometheus;

  beforeAll(async () => {
    exporter = await startServiceGraphExporter([
      {
        // Direct calls: the connector exports an empty connection_type.
        labels: { client: 'checkout', server: 'payments', connection_type: '' },
        requests: 10,
        failed: 1,
        // p95 falls in (0.1, 0.25]: 0.1 + 0.15 × (9.5 − 9) / 1 = 0.175 s.
        perBucket: [5, 4, 1, 0, 0, 0],
      },
      {
        labels: {
          client: 'payments',
          server: 'postgres',
          connection_type: 'database',
        },
        requests: 4,
        failed: 0,
        // p95 falls in (0, 0.05]: 0.05 × 3.8 / 4 = 0.0475 s.
        perBucket: [4, 0, 0, 0, 0, 0],
      },
      {
        // Known, but no traffic: no rate, so no p95.
        labels: { client: 'web', server: 'checkout', connection_type: '' },
        requests: 0,
        failed: 0,
        perBucket: [0, 0, 0, 0, 0, 0],
      },
      {
        // A broken exporter's series without a server.
        labels: { client: 'batch', connection_type: '' },
        requests: 2,
        failed: 0,
        perBucket: [2, 0, 0, 0, 0, 0],
      },
    ]);
    prometheus = await startPrometheus(exporter.target);
  });

  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.close();
  });

  const source = (labels = DEFAULT_LABELS) =>
    new PrometheusSource({
      baseUrl: prometheus.url,
      windowMinutes: 5,
      headers: {},
      timeoutMs: 10_000,
      metrics: DEFAULT_METRICS,
      labels,
    });

  const edge = (calls: ObservedCalls[], client: string, server: string) =>
    calls.find(c => c.client === client && c.server === server);

  it('finds every edge’s calls, failures and p95 latency', async () => {
    // Wait until Prometheus holds six scrapes of traffic.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const seen = await source().collect({
        signal: new AbortController().signal,
      });
      if (
        exporter.scrapes() >= 7 &&
        (edge(seen.calls, 'checkout', 'payments')?.calls ?? 0) >= 50
      ) {
        break;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `Prometheus had no service-graph data after ${exporter.scrapes()} scrapes: ${JSON.stringify(
            seen,
          )}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }

    const scrapesBefore = exporter.scrapes();
    const seen = await source().collect({
      signal: new AbortController().signal,
    });
    const scrapesAfter = exporter.scrapes();

    expect(seen.calls).toHaveLength(3);
    const checkout = edge(seen.calls, 'checkout', 'payments')!;
    const postgres = edge(seen.calls, 'payments', 'postgres')!;
    const idle = edge(seen.calls, 'web', 'checkout')!;

    // Between the samples Prometheus holds (the first scrape's is the
    // baseline) and those extrapolated by up to about 1.5 steps.
    expect(checkout.calls).toBeGreaterThanOrEqual(10 * (scrapesBefore - 3));
    expect(checkout.calls).toBeLessThanOrEqual(10 * (scrapesAfter + 1));
    expect(checkout.connectionType).toBeUndefined();
    expect(checkout.failedCalls! / checkout.calls).toBeCloseTo(0.1, 1);
    expect(checkout.p95LatencyMs).toBeGreaterThan(170);
    expect(checkout.p95LatencyMs).toBeLessThan(180);

    expect(postgres.connectionType).toBe('database');
    expect(Math.abs(postgres.calls - 0.4 * checkout.calls)).toBeLessThanOrEqual(
      2,
    );
    expect(postgres.failedCalls).toBe(0);
    expect(postgres.p95LatencyMs).toBeGreaterThan(46);
    expect(postgres.p95LatencyMs).toBeLessThan(49);

    expect(idle).toEqual({
      client: 'web',
      server: 'checkout',
      calls: 0,
      failedCalls: 0,
    });

    expect(seen.errors).toEqual([
      '1 service-graph series had no client or server label and were left out (labels seen: {"client":"batch"})',
    ]);
    expect(Date.parse(seen.windowEnd) - Date.parse(seen.windowStart)).toBe(
      5 * 60_000,
    );
  });

  it("links to the graph of one edge's failure rate, whose expression Prometheus answers with that rate", async () => {
    const to = new Date();
    const link = new URL(
      source().linkTo(
        { client: 'checkout', server: 'payments', connectionType: '' },
        { from: new Date(to.getTime() - 90 * 60_000), to },
      ),
    );
    expect(`${link.origin}${link.pathname}`).toBe(`${prometheus.url}/graph`);
    expect(link.searchParams.get('g0.range_input')).toBe('90m');
    expect(link.searchParams.get('g0.end_input')).toBe(
      to.toISOString().slice(0, 19).replace('T', ' '),
    );
    const client = new PrometheusClient({
      baseUrl: prometheus.url,
      headers: {},
      timeoutMs: 10_000,
    });
    const [rate] = await client.query(
      link.searchParams.get('g0.expr')!,
      new Date(),
      new AbortController().signal,
    );
    expect(rate.value).toBeCloseTo(0.1, 1);
    // A name with quotes and backslashes stays one label value.
    const odd = new URL(
      source().linkTo(
        { client: 'a"} or vector(1) #\\', server: 'b', connectionType: '' },
        { from: new Date(to.getTime() - 60_000), to },
      ),
    ).searchParams.get('g0.expr')!;
    expect(
      await client.query(odd, new Date(), new AbortController().signal),
    ).toEqual([]);
  });

  it('with label names the metrics do not have, leaves every edge out and says so', async () => {
    const seen = await source({
      client: 'caller',
      server: 'callee',
      connectionType: 'connection_type',
    }).collect({ signal: new AbortController().signal });
    expect(seen.calls).toEqual([]);
    expect(seen.errors).toHaveLength(1);
    expect(seen.errors![0]).toMatch(
      /^\d service-graph series had no caller or callee label and were left out/,
    );
  });

  it('passes on Prometheus’s own words when it refuses a query', async () => {
    // Configured names cannot produce a query Prometheus refuses, so the
    // client is asked a broken one directly: this is how a real refusal reads.
    const client = new PrometheusClient({
      baseUrl: prometheus.url,
      headers: {},
      timeoutMs: 10_000,
    });
    await expect(
      client.query('sum by (client', new Date(), new AbortController().signal),
    ).rejects.toThrow(
      /^Prometheus refused the query \(bad_data\), answering 400 Bad Request: .*parse error/,
    );
  });
});
