import { ConfigReader } from '@backstage/config';
import { readPrometheusConfig } from './readPrometheusConfig';

const withPrometheus = (prometheus: object) =>
  new ConfigReader({ integrationHealth: { observations: { prometheus } } });

describe('readPrometheusConfig', () => {
  it('is off without integrationHealth.observations.prometheus', () => {
    expect(readPrometheusConfig(new ConfigReader({}))).toBeUndefined();
  });

  it('defaults to the service-graph names, a 60 minute window and a 30 s timeout', () => {
    expect(
      readPrometheusConfig(
        withPrometheus({ baseUrl: 'http://prometheus:9090' }),
      ),
    ).toEqual({
      baseUrl: 'http://prometheus:9090',
      windowMinutes: 60,
      headers: {},
      timeoutMs: 30_000,
      metrics: {
        requestTotal: 'traces_service_graph_request_total',
        requestFailedTotal: 'traces_service_graph_request_failed_total',
        requestServerSecondsBucket:
          'traces_service_graph_request_server_seconds_bucket',
      },
      labels: {
        client: 'client',
        server: 'server',
        connectionType: 'connection_type',
      },
    });
  });

  it('reads prefixed metric names, renamed labels, headers, window and timeout', () => {
    const options = readPrometheusConfig(
      withPrometheus({
        baseUrl: 'https://mimir.example.com/prometheus',
        windowMinutes: 15,
        timeoutSeconds: 5,
        headers: { 'X-Scope-OrgID': 'prod' },
        metrics: { requestTotal: 'otel:traces_service_graph_request_total' },
        labels: { client: 'source_service' },
      }),
    );
    expect(options).toMatchObject({
      windowMinutes: 15,
      timeoutMs: 5_000,
      headers: { 'X-Scope-OrgID': 'prod' },
      metrics: {
        requestTotal: 'otel:traces_service_graph_request_total',
        requestFailedTotal: 'traces_service_graph_request_failed_total',
      },
      labels: { client: 'source_service', server: 'server' },
    });
  });

  it.each([
    [
      { windowMinutes: 0 },
      /windowMinutes must be a whole number from 1 to 10080, got 0/,
    ],
    [{ windowMinutes: 2.5 }, /windowMinutes must be .* got 2.5/],
    [
      { timeoutSeconds: 1000 },
      /timeoutSeconds must be a whole number from 1 to 300, got 1000/,
    ],
    [{ baseUrl: 'prometheus:9090' }, /baseUrl must be an http\(s\) URL/],
    [
      { metrics: { requestTotal: 'up) or vector(1' } },
      /prometheus.metrics.requestTotal must be a Prometheus metric name .*"up\) or vector\(1"/,
    ],
    [
      { metrics: { requestServerSecondsBucket: 'a_bucket{job="x"}' } },
      /metrics.requestServerSecondsBucket must be a Prometheus metric name/,
    ],
    [
      { labels: { server: 'server) (vector(1)) or sum by (x' } },
      /prometheus.labels.server must be a Prometheus label name/,
    ],
    [
      { labels: { client: 'service:name' } },
      /labels.client must be a Prometheus label name/,
    ],
    [
      { labels: { connectionType: 'le' } },
      /labels.connectionType must be .*not le/,
    ],
    [
      { labels: { server: 'client' } },
      /must differ, got client, client, connection_type/,
    ],
  ])('refuses %j', (bad, message) => {
    expect(() =>
      readPrometheusConfig(
        withPrometheus({ baseUrl: 'http://prometheus:9090', ...bad }),
      ),
    ).toThrow(message);
  });
});
