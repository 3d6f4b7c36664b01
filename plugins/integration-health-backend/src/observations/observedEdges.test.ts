import { Integration } from '@integration-health/plugin-integration-health-common';
import { StoredObservation } from './ObservationStore';
import { observedEdges, ObservedEdgesInput } from './observedEdges';

const now = new Date('2026-12-03T12:00:00.000Z');
const hoursAgo = (h: number) =>
  new Date(now.getTime() - h * 3_600_000).toISOString();

const declared = (
  id: string,
  consumerRef: string,
  providerRef: string,
  kind: Integration['kind'],
): Integration => ({
  id,
  consumerRef,
  providerRef,
  kind,
  sources: ['consumesApi'],
  findings: [],
  firstSeenAt: hoursAgo(1000),
  lastSeenAt: hoursAgo(1),
});

const seen = (
  client: string,
  server: string,
  calls: number,
  more: Partial<StoredObservation> = {},
): StoredObservation => ({
  source: 'jaeger',
  client,
  server,
  connectionType: '',
  calls,
  windowStart: hoursAgo(1),
  windowEnd: hoursAgo(0),
  firstSeenAt: hoursAgo(48),
  lastSeenAt: calls > 0 ? hoursAgo(0) : hoursAgo(24 * 30),
  ...more,
});

const refs = new Map(
  Object.entries({
    intake: ['component:default/intake'],
    validation: ['component:default/validation'],
    processing: ['component:default/processing'],
    ledger: ['component:default/ledger'],
    'transactions-pg': ['resource:default/transactions-db'],
    shared: ['component:default/a', 'component:default/b'],
  }),
);

function input(
  entityRef: string,
  names: string[],
  observations: StoredObservation[],
  integrations: Integration[],
  more: Partial<ObservedEdgesInput> = {},
): ObservedEdgesInput {
  return {
    entityRef,
    names,
    observations,
    refsOfName: refs,
    declared: integrations,
    seenRefs: new Set([entityRef]),
    observing: true,
    notObservedDays: 14,
    now,
    ...more,
  };
}

describe('observedEdges', () => {
  it('confirms declared calls, flags undeclared ones with a snippet, and names unknown services without guessing', () => {
    const edges = observedEdges(
      input(
        'component:default/intake',
        ['intake'],
        [
          seen('intake', 'validation', 120, {
            failedCalls: 6,
            p95LatencyMs: 80,
          }),
          seen('intake', 'ledger', 12),
          seen('intake', 'fraud-check', 40),
          seen('intake', 'shared', 3),
        ],
        [
          declared(
            'i-validation',
            'component:default/intake',
            'component:default/validation',
            'http',
          ),
        ],
      ),
    );
    expect(edges).toEqual([
      expect.objectContaining({
        status: 'undeclared',
        direction: 'outgoing',
        counterpartRef: 'component:default/ledger',
        calls: 12,
        suggestedSnippet: [
          '# catalog-info.yaml of component:default/intake',
          'spec:',
          '  dependsOn:',
          '    - component:default/ledger',
        ].join('\n'),
      }),
      expect.objectContaining({
        status: 'unknown-service',
        counterpartName: 'fraud-check',
        calls: 40,
        reason: expect.stringContaining('stands for no catalog entity'),
      }),
      expect.objectContaining({
        status: 'unknown-service',
        counterpartName: 'shared',
        reason: expect.stringContaining('2 catalog entities claim'),
      }),
      {
        status: 'confirmed',
        direction: 'outgoing',
        counterpartRef: 'component:default/validation',
        counterpartName: 'validation',
        connectionType: '',
        integrationId: 'i-validation',
        calls: 120,
        failedCalls: 6,
        failureRate: 0.05,
        p95LatencyMs: 80,
        firstSeenAt: hoursAgo(48),
        lastSeenAt: hoursAgo(0),
        sources: ['jaeger'],
        reason:
          'Declared in the catalog and seen with 120 calls in the latest window',
      },
    ]);
  });

  it('reads messages from producer to consumer and database access from caller to database', () => {
    const ledgerFromProcessing = declared(
      'i-events',
      'component:default/ledger',
      'component:default/processing',
      'event',
    );
    const db = declared(
      'i-db',
      'component:default/processing',
      'resource:default/transactions-db',
      'database',
    );
    const edges = observedEdges(
      input(
        'component:default/processing',
        ['processing'],
        [
          seen('processing', 'ledger', 300, {
            connectionType: 'messaging_system',
          }),
          seen('processing', 'transactions-pg', 500, {
            connectionType: 'database',
          }),
        ],
        [ledgerFromProcessing, db],
      ),
    );
    expect(
      edges.map(e => [
        e.status,
        e.direction,
        e.counterpartRef,
        e.integrationId,
      ]),
    ).toEqual([
      ['confirmed', 'outgoing', 'resource:default/transactions-db', 'i-db'],
      ['confirmed', 'incoming', 'component:default/ledger', 'i-events'],
    ]);
  });

  it('counts the source that saw most, not the sum, when two sources see one edge', () => {
    const [edge] = observedEdges(
      input(
        'component:default/intake',
        ['intake'],
        [
          seen('intake', 'validation', 120),
          seen('intake', 'validation', 150, {
            source: 'prometheus',
            failedCalls: 3,
            firstSeenAt: hoursAgo(100),
          }),
        ],
        [],
      ),
    );
    expect(edge).toMatchObject({
      calls: 150,
      failedCalls: 3,
      firstSeenAt: hoursAgo(100),
      sources: ['jaeger', 'prometheus'],
    });
  });

  it('says a declared integration is not observed only while telemetry works and sees one of its sides', () => {
    const reports = declared(
      'i-reports',
      'component:default/reports',
      'component:default/validation',
      'http',
    );
    const unseen = declared(
      'i-quiet',
      'component:default/validation',
      'component:default/quiet',
      'other',
    );
    const toApi = declared(
      'i-api',
      'component:default/validation',
      'api:default/orphan-api',
      'http',
    );
    const old = seen('reports', 'validation', 0);
    const base = input(
      'component:default/validation',
      ['validation'],
      [old],
      [reports, unseen, toApi],
      {
        refsOfName: new Map([
          ...refs,
          ['reports', ['component:default/reports']],
        ]),
      },
    );
    expect(observedEdges(base)).toEqual([
      expect.objectContaining({
        status: 'not-observed',
        counterpartRef: 'component:default/quiet',
        integrationId: 'i-quiet',
        reason: expect.stringContaining('was seen at all'),
      }),
      expect.objectContaining({
        status: 'not-observed',
        direction: 'incoming',
        counterpartRef: 'component:default/reports',
        integrationId: 'i-reports',
        lastSeenAt: hoursAgo(24 * 30),
        reason: expect.stringContaining(`was seen since ${hoursAgo(24 * 30)}`),
      }),
    ]);
    // No source answered lately, or telemetry never saw either side: nothing is said.
    expect(observedEdges({ ...base, observing: false })).toEqual([]);
    expect(observedEdges({ ...base, seenRefs: new Set() })).toEqual([]);
  });
});
