import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { EvidenceSource } from '@integration-health/plugin-integration-health-node';
import { DatabaseEvidenceStore } from '../database/EvidenceStore';
import {
  integrationId,
  ObservedIntegration,
} from '../database/IntegrationStore';
import { collectEvidence } from './collectEvidence';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const ledger: ObservedIntegration = {
  consumerRef: 'component:default/ledger',
  providerRef: 'component:default/processing',
  apiRef: 'api:default/transaction-events',
  kind: 'event',
  sources: ['consumesApi', 'providesApi'],
  findings: [],
};
const ledgerId = integrationId(
  ledger.consumerRef,
  ledger.providerRef,
  ledger.apiRef,
);

const broker = (answer: () => Promise<unknown>): EvidenceSource => ({
  id: 'broker',
  collect: answer as EvidenceSource['collect'],
});

const verified = {
  subject: ledger,
  verification: {
    source: 'ignored: the source id is recorded',
    result: 'passed' as const,
    providerVersion: '2.0.0',
    verifiedAt: '2026-11-20T10:00:00.000Z',
  },
};

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const evidenceStore = await DatabaseEvidenceStore.create({
    database: mockServices.database({ knex }),
  });
  const run = (sources: EvidenceSource[], timeoutMs = 1000) =>
    collectEvidence({
      sources,
      integrations: [ledger],
      evidenceStore,
      logger: mockServices.logger.mock(),
      timeoutMs,
      now: new Date('2026-11-21T10:00:00.000Z'),
    });
  return { evidenceStore, run };
}

describe('collectEvidence', () => {
  it('records what a source finds once, under the source id, and counts evidence for unknown integrations', async () => {
    const { evidenceStore, run } = await setup();
    const source = broker(async () => [
      verified,
      {
        subject: { ...ledger, consumerRef: 'component:default/not-in-catalog' },
        verification: verified.verification,
      },
    ]);
    expect(await run([source])).toEqual({
      recorded: 1,
      unmatched: 1,
      errors: [],
    });
    expect(await run([source])).toEqual({
      recorded: 0,
      unmatched: 1,
      errors: [],
    });
    expect(await evidenceStore.latestVerifications(ledgerId)).toEqual([
      expect.objectContaining({ source: 'broker', providerVersion: '2.0.0' }),
    ]);
  });

  it.each([
    [
      'fails with 500',
      () => Promise.reject(new Error('Request failed with 500')),
    ],
    ['answers garbage', () => Promise.resolve({ not: 'a list' })],
    ['never answers', () => new Promise(() => {})],
  ])(
    'reports a source that %s on the run and keeps its earlier evidence',
    async (_what, answer) => {
      const { evidenceStore, run } = await setup();
      await run([broker(async () => [verified])]);

      const result = await run([broker(answer)], 200);
      expect(result.recorded).toBe(0);
      expect(result.errors).toEqual([
        {
          entityRef: 'evidence-source:broker',
          code: 'evidence-source-failed',
          message: expect.stringMatching(
            /^Evidence source broker failed: .+; its earlier evidence is kept$/,
          ),
        },
      ]);
      expect(await evidenceStore.latestVerifications(ledgerId)).toHaveLength(1);
    },
  );

  it('goes on with the other sources when one fails', async () => {
    const { run } = await setup();
    const result = await run([
      broker(() => Promise.reject(new Error('timeout'))),
      { ...broker(async () => [verified]), id: 'ci-reports' },
    ]);
    expect(result.recorded).toBe(1);
    expect(result.errors).toHaveLength(1);
  });
});
