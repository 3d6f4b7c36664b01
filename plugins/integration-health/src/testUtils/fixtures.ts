import { Entity } from '@backstage/catalog-model';
import {
  CalendarEntry,
  DependencyGraph,
  DetectedBreakingChange,
  EntityIntegrations,
  EntityObservations,
  HealthSnapshot,
  Integration,
  ScoreExplanation,
  SpecChange,
  SpecVersion,
} from '@integration-health/plugin-integration-health-common';

export const processingEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'transaction-processing', title: 'Transaction processing' },
  spec: { type: 'service', owner: 'payments-engineering' },
};

// Each call makes new ids, so that per-integration answers cached in one
// case (permission decisions) do not leak into the next.
let sequence = 0;

function integration(overrides: Partial<Integration>): Integration {
  const consumerRef =
    overrides.consumerRef ?? 'component:default/transaction-processing';
  const providerRef =
    overrides.providerRef ?? 'component:default/transaction-validation';
  return {
    id: `${consumerRef}→${providerRef}#${++sequence}`,
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
        scores: {
          computedAt: '2026-11-21T10:00:00.000Z',
          contract: {
            value: 60,
            tier: 'verified-in-production',
            summary:
              'Verified against provider version 1.4.0, the one in production',
            inputs: { verifications: 1 },
            adjustments: [
              {
                reason:
                  'The evidence is 60 days old; after 30 days it loses points until 90 days, down to 20',
                points: 40,
              },
            ],
            evidence: [
              {
                label: 'Verification passed against provider 1.4.0',
                source: 'ci',
                at: '2026-09-22T10:00:00.000Z',
                url: 'https://ci.example/runs/42',
              },
            ],
            evidenceAgeDays: 60,
          },
          mock: {
            tier: 'no-mocks',
            summary:
              'Unknown: no mocks of this provider have been found for this consumer',
            inputs: {},
            adjustments: [],
            evidence: [],
          },
        },
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

export const eventVersions: SpecVersion[] = [
  {
    id: '59e79291-7e04-4ec5-840c-7c9eae0eb215',
    apiRef: 'api:default/transaction-events',
    contentHash: 'b'.repeat(64),
    format: 'asyncapi-2',
    versionLabel: '2.0.0',
    observedAt: '2026-11-02T09:00:00.000Z',
    source: 'seed',
    previousVersionId: 'e6c190b5-63d8-447c-8baa-a9c7c4046f20',
    summary: { breaking: 1, warning: 0, info: 3 },
  },
  {
    id: 'e6c190b5-63d8-447c-8baa-a9c7c4046f20',
    apiRef: 'api:default/transaction-events',
    contentHash: 'a'.repeat(64),
    format: 'asyncapi-2',
    versionLabel: '1.0.0',
    observedAt: '2026-02-09T09:00:00.000Z',
    source: 'seed',
    summary: { breaking: 0, warning: 0, info: 0 },
  },
];

export const eventChanges: SpecChange[] = [
  {
    ruleId: 'response-required-property-added',
    level: 'info',
    location: 'channel transactions.booked (subscribe)',
    pointer: '/components/schemas/TransactionBooked',
    message:
      "message TransactionBooked payload property 'accountRef': required property added",
    fingerprint: '708f9ac12dd32d5e7e3e',
  },
  {
    ruleId: 'response-required-property-removed',
    level: 'breaking',
    location: 'channel transactions.booked (subscribe)',
    pointer: '/components/schemas/TransactionBooked',
    message:
      "message TransactionBooked payload property 'accountId': required property removed",
    fingerprint: '1f0c9ac12dd32d5e7e3e',
  },
];

/** The map around transaction processing, depth 1, from the same integrations. */
export function processingGraph(): DependencyGraph {
  const { upstream, downstream } = processingIntegrations();
  const edges = [...upstream, ...downstream];
  const refs = new Set(edges.flatMap(e => [e.consumerRef, e.providerRef]));
  return {
    root: 'component:default/transaction-processing',
    direction: 'both',
    nodes: [...refs].map(ref => ({
      ref,
      depth: ref === 'component:default/transaction-processing' ? 0 : 1,
      health:
        ref === 'component:default/transaction-validation'
          ? { lowestScore: 60, integrations: 1, withEvidence: 1 }
          : undefined,
    })),
    edges,
    truncated: { depth: true, nodes: false },
  };
}

export const eventBreakingChanges: DetectedBreakingChange[] = [
  {
    apiRef: 'api:default/transaction-events',
    versionId: '59e79291-7e04-4ec5-840c-7c9eae0eb215',
    versionLabel: '2.0.0',
    detectedAt: '2026-11-02T09:00:00.000Z',
    effectiveAt: '2026-11-02T09:00:00.000Z',
    ruleId: 'response-required-property-removed',
    level: 'breaking',
    location: 'channel transactions.booked (subscribe)',
    message:
      "message TransactionBooked payload property 'accountId': required property removed",
    fingerprint: 'f-accountid',
    consumers: [
      {
        consumerRef: 'component:default/account-management-legacy',
        integrationId: 'i-1',
        consumerOwnerRef: 'group:default/ledger-engineering',
      },
    ],
  },
];

/** Two days of transaction processing's health: yesterday 40, today 55. */
export function processingTrend(): HealthSnapshot[] {
  const day = (ago: number) =>
    new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
  return [
    {
      day: day(1),
      contract: 40,
      integrations: 3,
      withEvidence: 1,
      withoutAccountableOwner: 2,
    },
    {
      day: day(0),
      contract: 55,
      integrations: 3,
      withEvidence: 1,
      withoutAccountableOwner: 2,
    },
  ];
}

/** The demo's event-schema change, with the legacy account system pending. */
export function eventsCalendarEntry(
  state: 'pending' | 'acknowledged' = 'pending',
): CalendarEntry {
  const effective = new Date(Date.now() - 3 * 86_400_000).toISOString();
  return {
    id: '0b6c4a8e-3a53-4f1e-9c67-5b1d7d1e2a10',
    origin: 'detected',
    apiRef: 'api:default/transaction-events',
    title: 'transaction-events 2.0.0: 1 breaking change',
    operations: [],
    changes: [
      {
        ruleId: 'response-required-property-removed',
        level: 'breaking',
        location: 'channel transactions.booked (subscribe)',
        message:
          "message TransactionBooked payload property 'accountId': required property removed",
        fingerprint: 'f1',
      },
    ],
    effectiveAt: effective,
    acknowledgeBy: new Date(Date.now() + 11 * 86_400_000).toISOString(),
    sequence: 0,
    revision: 0,
    scopeRevision: 0,
    createdAt: effective,
    updatedAt: effective,
    providerOwnerRefs: ['group:default/payments-engineering'],
    consumers: [
      {
        consumerRef: 'component:default/account-management-legacy',
        consumerOwnerRef: 'group:default/ledger-engineering',
        integrationId: 'i-legacy',
        state,
        canAcknowledge: true,
        ...(state === 'acknowledged' && {
          acknowledgement: {
            action: 'acknowledged' as const,
            byRef: 'user:default/mei.tanaka',
            at: new Date().toISOString(),
            note: 'Reading accountRef from 9.8.0',
            scopeRevision: 0,
          },
        }),
      },
    ],
  };
}

/** An announced sunset nobody has to act on yet, owned by platform. */
export function sunsetCalendarEntry(): CalendarEntry {
  return {
    ...eventsCalendarEntry(),
    id: '5d0f3f3e-8f2c-4a51-b5a5-2c3d4e5f6a7b',
    origin: 'announced',
    apiRef: 'api:default/account-api',
    title: 'Postings move to /ledger/postings',
    effectiveAt: '2027-01-15T00:00:00.000Z',
    acknowledgeBy: '2027-01-15T00:00:00.000Z',
    providerOwnerRefs: ['group:default/ledger-engineering'],
    consumers: [
      {
        consumerRef: 'component:default/transaction-processing',
        consumerOwnerRef: 'group:default/payments-engineering',
        integrationId: 'i-processing',
        state: 'pending',
        canAcknowledge: false,
      },
    ],
  };
}

function score(value: number | undefined): ScoreExplanation {
  return value === undefined
    ? {
        tier: 'none',
        summary: 'Unknown: no evidence',
        inputs: {},
        adjustments: [],
        evidence: [],
      }
    : {
        value,
        tier: 'verified-in-production',
        summary: `Scored ${value}`,
        inputs: {},
        adjustments: [],
        evidence: [],
      };
}

function scores(contract?: number, mock?: number): Integration['scores'] {
  return {
    computedAt: '2026-11-21T10:00:00.000Z',
    contract: score(contract),
    mock: score(mock),
  };
}

/**
 * The transaction events API and the three integrations through it:
 * contract 90 and 60, mock 40, one without any evidence, one without an
 * accountable owner.
 */
export const eventsApiEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'transaction-events', title: 'Transaction events' },
  spec: { type: 'asyncapi', owner: 'payments-engineering' },
};

export function eventsApiIntegrations(): EntityIntegrations {
  const through = (consumer: string, overrides: Partial<Integration>) =>
    integration({
      consumerRef: `component:default/${consumer}`,
      providerRef: 'component:default/transaction-processing',
      apiRef: 'api:default/transaction-events',
      kind: 'event',
      accountableOwnerRef: 'group:default/payments-engineering',
      ...overrides,
    });
  return {
    entityRef: 'api:default/transaction-events',
    upstream: [],
    downstream: [
      through('account-management-legacy', {
        accountableOwnerRef: undefined,
        scores: scores(60, undefined),
      }),
      through('fraud-detection', { scores: scores(90, 40) }),
      through('reporting', { scores: scores(undefined, undefined) }),
    ],
  };
}

/**
 * What telemetry saw around transaction-processing, one edge of each status,
 * undeclared first as the server sorts them; times relative to `now`.
 */
export function processingObservations(
  now: Date = new Date(),
): EntityObservations {
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  return {
    entityRef: 'component:default/transaction-processing',
    telemetryNames: ['transaction-processing'],
    sources: [
      {
        source: 'jaeger',
        lastAttemptAt: ago(5 * 60_000),
        lastSuccessAt: ago(3 * 3_600_000),
        lastError: 'GET /api/dependencies answered 503 Service Unavailable',
        stale: true,
      },
      { source: 'prometheus', lastAttemptAt: ago(60_000), stale: false },
    ],
    edges: [
      {
        status: 'undeclared',
        direction: 'outgoing',
        counterpartRef: 'component:default/fraud-scoring',
        counterpartName: 'fraud-scoring',
        connectionType: '',
        calls: 4210,
        failedCalls: 1,
        failureRate: 1 / 4210,
        p95LatencyMs: 38.4,
        firstSeenAt: ago(9 * 86_400_000),
        lastSeenAt: ago(2 * 3_600_000),
        sources: ['jaeger', 'prometheus'],
        reason:
          'component:default/transaction-processing uses component:default/fraud-scoring in production, but the catalog does not declare it',
        suggestedSnippet: [
          '# catalog-info.yaml of component:default/transaction-processing',
          'spec:',
          '  dependsOn:',
          '    - component:default/fraud-scoring',
        ].join('\n'),
      },
      {
        status: 'unknown-service',
        direction: 'outgoing',
        counterpartName: 'redis-cache',
        connectionType: 'database',
        calls: 880,
        lastSeenAt: ago(10 * 60_000),
        sources: ['prometheus'],
        reason:
          'Telemetry names a service "redis-cache" that stands for no catalog entity',
      },
      {
        status: 'not-observed',
        direction: 'incoming',
        counterpartRef: 'component:default/account-management-legacy',
        connectionType: '',
        integrationId: 'legacy→processing',
        calls: 0,
        sources: [],
        reason:
          'Declared in the catalog, but no traffic was seen at all (14 days or more): possibly a stale declaration',
      },
      {
        status: 'confirmed',
        direction: 'outgoing',
        counterpartRef: 'component:default/transaction-validation',
        counterpartName: 'transaction-validation',
        connectionType: '',
        integrationId: 'processing→validation',
        calls: 1200,
        failedCalls: 30,
        failureRate: 0.025,
        p95LatencyMs: 120.4,
        firstSeenAt: ago(30 * 86_400_000),
        lastSeenAt: ago(3 * 3_600_000),
        sources: ['prometheus'],
        reason:
          'Declared in the catalog and seen with 1200 calls in the latest window',
      },
      {
        status: 'confirmed',
        direction: 'outgoing',
        counterpartRef: 'component:default/transaction-intake',
        counterpartName: 'transaction-intake',
        connectionType: 'messaging_system',
        integrationId: 'intake→processing',
        calls: 300,
        lastSeenAt: ago(3 * 3_600_000),
        sources: ['prometheus'],
        reason:
          'Declared in the catalog and seen with 300 calls in the latest window',
      },
    ],
  };
}
