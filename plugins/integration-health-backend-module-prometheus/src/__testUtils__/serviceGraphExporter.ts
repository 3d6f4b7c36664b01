// A small exporter serving service-graph metrics in Prometheus's text format,
// as the OpenTelemetry Collector's servicegraph connector exposes them. Each
// scrape is one step: every edge's counters and histogram advance by its
// per-step traffic, so the rates Prometheus computes are known.
import { startTestServer, TestServer } from './testServer';

/** Upper bounds of the latency histogram, in seconds (then +Inf). */
export const BUCKETS = [0.05, 0.1, 0.25, 0.5, 1];

export type ExportedEdge = {
  /** Labels as exported; an edge may lack `server` to stand for a broken exporter. */
  labels: Record<string, string>;
  /** Requests per step, and how many of them failed. */
  requests: number;
  failed: number;
  /** Requests per step in each bucket of BUCKETS, then above the last. */
  perBucket: number[];
};

type Counters = {
  total: number;
  failed: number;
  buckets: number[];
  sum: number;
};

export type ServiceGraphExporter = {
  /** `host:port` for a scrape config. */
  target: string;
  /** How many scrapes were answered. */
  scrapes(): number;
  close(): Promise<void>;
};

function labelText(labels: Record<string, string>, extra = {}): string {
  return Object.entries({ ...labels, ...extra })
    .map(([name, value]) => `${name}="${value}"`)
    .join(',');
}

function exposition(edges: ExportedEdge[], counters: Counters[]): string {
  const lines = [
    '# HELP traces_service_graph_request_total Requests between two nodes.',
    '# TYPE traces_service_graph_request_total counter',
    ...edges.map(
      (e, i) =>
        `traces_service_graph_request_total{${labelText(e.labels)}} ${
          counters[i].total
        }`,
    ),
    '# HELP traces_service_graph_request_failed_total Failed requests between two nodes.',
    '# TYPE traces_service_graph_request_failed_total counter',
    ...edges.map(
      (e, i) =>
        `traces_service_graph_request_failed_total{${labelText(e.labels)}} ${
          counters[i].failed
        }`,
    ),
    '# HELP traces_service_graph_request_server_seconds Server-side request time.',
    '# TYPE traces_service_graph_request_server_seconds histogram',
  ];
  edges.forEach((e, i) => {
    const c = counters[i];
    let cumulative = 0;
    BUCKETS.forEach((le, b) => {
      cumulative += c.buckets[b];
      lines.push(
        `traces_service_graph_request_server_seconds_bucket{${labelText(
          e.labels,
          { le: String(le) },
        )}} ${cumulative}`,
      );
    });
    cumulative += c.buckets[BUCKETS.length];
    lines.push(
      `traces_service_graph_request_server_seconds_bucket{${labelText(
        e.labels,
        { le: '+Inf' },
      )}} ${cumulative}`,
      `traces_service_graph_request_server_seconds_sum{${labelText(
        e.labels,
      )}} ${c.sum}`,
      `traces_service_graph_request_server_seconds_count{${labelText(
        e.labels,
      )}} ${cumulative}`,
    );
  });
  return `${lines.join('\n')}\n`;
}

/**
 * Serves `edges` at `/metrics`. Counters start at `start` requests per edge
 * (as a long-running collector's would) and advance one step per scrape.
 */
export async function startServiceGraphExporter(
  edges: ExportedEdge[],
  start = 1000,
): Promise<ServiceGraphExporter> {
  const counters: Counters[] = edges.map(e => {
    const first = e.requests > 0 ? start : 7;
    return {
      total: first,
      failed: 0,
      buckets: [first, ...Array(BUCKETS.length).fill(0)],
      sum: 0,
    };
  });
  let scrapes = 0;
  const server: TestServer = await startTestServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    scrapes++;
    edges.forEach((edge, i) => {
      const c = counters[i];
      c.total += edge.requests;
      c.failed += edge.failed;
      edge.perBucket.forEach((n, b) => {
        c.buckets[b] += n;
        c.sum += n * (BUCKETS[b] ?? 2);
      });
    });
    response.writeHead(200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
    });
    response.end(exposition(edges, counters));
  });
  return {
    target: new URL(server.url).host,
    scrapes: () => scrapes,
    close: server.close,
  };
}
