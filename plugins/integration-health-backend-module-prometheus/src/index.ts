/**
 * Integration Health observations from service-graph metrics in Prometheus: calls, failures and p95 latency per edge.
 *
 * @packageDocumentation
 */
export { integrationHealthModulePrometheus as default } from './module';
