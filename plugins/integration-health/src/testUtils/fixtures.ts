import { Entity } from '@backstage/catalog-model';
import {
  EntityIntegrations,
  Integration,
} from '@integration-health/plugin-integration-health-common';

export const processingEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'transaction-processing', title: 'Transaction processing' },
  spec: { type: 'service', owner: 'payments-engineering' },
};

function integration(overrides: Partial<Integration>): Integration {
  return {
    id: Math.random().toString(16).slice(2),
    consumerRef: 'component:default/transaction-processing',
    providerRef: 'component:default/transaction-validation',
    apiRef: 'api:default/transaction-validation-api',
    kind: 'http',
    sources: ['consumesApi', 'providesApi'],
    consumerOwnerRef: 'group:default/payments-engineering',
    providerOwnerRef: 'group:default/payments-engineering',
    findings: [],
    firstSeenAt: '2026-11-01T10:00:00.000Z',
    lastSeenAt: '2026-11-21T10:00:00.000Z',
    ...overrides,
  };
}

const missingOwner = {
  id: 'accountable-owner-missing' as const,
  level: 'error' as const,
  message: 'Nobody is accountable for this integration.',
};

export function processingIntegrations(): EntityIntegrations {
  return {
    entityRef: 'component:default/transaction-processing',
    upstream: [
      integration({
        accountableOwnerRef: 'group:default/payments-engineering',
        accountableOwnerSource: 'consumer-annotation',
      }),
      integration({
        providerRef: 'resource:default/event-bus',
        apiRef: undefined,
        kind: 'event',
        sources: ['dependsOn'],
        providerOwnerRef: 'group:default/platform',
        findings: [missingOwner],
      }),
    ],
    downstream: [
      integration({
        consumerRef: 'component:default/account-management-legacy',
        providerRef: 'component:default/transaction-processing',
        apiRef: 'api:default/transaction-events',
        kind: 'event',
        consumerOwnerRef: 'group:default/ledger-engineering',
        findings: [
          {
            id: 'accountable-owner-invalid',
            level: 'error',
            message:
              "The declared accountable owner 'ledger-team' is not a group in the catalog.",
          },
          missingOwner,
        ],
      }),
    ],
    lastSync: {
      id: 'run-1',
      status: 'succeeded',
      startedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      finishedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    },
  };
}
