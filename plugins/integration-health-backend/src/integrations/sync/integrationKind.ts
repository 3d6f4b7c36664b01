import { IntegrationKind } from '@integration-health/plugin-integration-health-common';

// API spec.type → how consumers talk to it.
const API_KINDS: Record<string, IntegrationKind> = {
  openapi: 'http',
  swagger: 'http',
  asyncapi: 'event',
  graphql: 'graphql',
  grpc: 'grpc',
  trpc: 'http',
};

// Resource spec.type → what depending on it means.
const RESOURCE_KINDS: Record<string, IntegrationKind> = {
  database: 'database',
  'message-broker': 'event',
  'kafka-topic': 'event',
  queue: 'event',
  topic: 'event',
};

export function kindOfApi(type: string | undefined): IntegrationKind {
  return API_KINDS[type?.toLocaleLowerCase('en-US') ?? ''] ?? 'other';
}

export function kindOfDependency(
  targetKind: string,
  type: string | undefined,
): IntegrationKind {
  if (targetKind !== 'resource') {
    return 'other';
  }
  return RESOURCE_KINDS[type?.toLocaleLowerCase('en-US') ?? ''] ?? 'other';
}
