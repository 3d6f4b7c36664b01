import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { EvidenceSource } from '@integration-health/plugin-integration-health-node';
import {
  integrationId,
  ObservedIntegration,
} from '../integrations/IntegrationStore';
import { collectEvidence } from './collectEvidence';
import { createStores } from '../database/createStores';

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

// Written so that the linter does not take the test data for a link to run.
const SCRIPT_LINK = ['javascript', 'alert(1)'].join(':');

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

const mock = (name: string) => ({
  name,
  format: 'pact' as const,
  content: {
    messages: [{ description: name, contents: { transactionId: 't' } }],
  },
});

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const database = mockServices.database({ knex });
  const stores = await createStores(database);
  const run = (sources: EvidenceSource[], timeoutMs = 1000) =>
    collectEvidence({
      sources,
      integrations: [ledger],
      stores,
      logger: mockServices.logger.mock(),
      timeoutMs,
      maxMockDocumentBytes: 1000,
      now: new Date('2026-11-21T10:00:00.000Z'),
    });
  return { ...stores, run };
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
      mockDocuments: 0,
      unmatched: 1,
      errors: [],
    });
    expect(await run([source])).toEqual({
      recorded: 0,
      mockDocuments: 0,
      unmatched: 1,
      errors: [],
    });
    expect(await evidenceStore.latestVerifications(ledgerId)).toEqual([
      expect.objectContaining({ source: 'broker', providerVersion: '2.0.0' }),
    ]);
  });

  it('records the good verifications of an answer in one go and leaves out, saying why, those that are not verifications', async () => {
    const { evidenceStore, run } = await setup();
    const at = (day: number) => `2026-11-${day}T10:00:00.000Z`;
    const source = broker(async () => [
      ...[10, 11, 12].map(day => ({
        ...verified,
        verification: { ...verified.verification, verifiedAt: at(day) },
      })),
      {
        ...verified,
        verification: { ...verified.verification, verifiedAt: 'yesterday' },
      },
      {
        ...verified,
        verification: { ...verified.verification, result: 'maybe' },
      },
    ]);
    const result = await run([source]);
    expect(result.recorded).toBe(3);
    expect(result.errors.map(e => e.message)).toEqual([
      'Evidence source broker: a verification of component:default/ledger → component:default/processing was left out: its verifiedAt "yesterday" is not a date',
      'Evidence source broker: a verification of component:default/ledger → component:default/processing was left out: its result "maybe" is neither passed nor failed',
    ]);
    expect(await evidenceStore.latestVerifications(ledgerId)).toEqual([
      expect.objectContaining({ verifiedAt: at(12) }),
    ]);
  });

  it('keeps only http(s) links from a source, and says on the run which it dropped', async () => {
    const { evidenceStore, mockStore, sourceStore, run } = await setup();
    const source = broker(async () => ({
      verifications: [
        {
          ...verified,
          verification: {
            ...verified.verification,
            url: SCRIPT_LINK,
          },
        },
      ],
      mocks: [
        {
          subject: ledger,
          documents: [
            { ...mock('events'), url: 'data:text/html,<script>x</script>' },
            { ...mock('more'), url: 'https://git.example.com/pacts/more.json' },
          ],
        },
      ],
    }));
    const result = await run([source]);
    expect(result.recorded).toBe(1);
    expect(result.errors.map(e => e.message)).toEqual([
      'Evidence source broker: verification of component:default/ledger → component:default/processing: its link is not an http(s) URL and was dropped',
      'Evidence source broker: mock document events: its link is not an http(s) URL and was dropped',
    ]);
    const [stored] = await evidenceStore.latestVerifications(ledgerId);
    expect(stored.url).toBeUndefined();
    expect(
      (await mockStore.listMocks(ledgerId)).map(m => [
        m.document.name,
        m.document.url,
      ]),
    ).toEqual([
      ['events', undefined],
      ['more', 'https://git.example.com/pacts/more.json'],
    ]);
    // The evidence itself was read in full: the source is not stale.
    expect(await sourceStore.listSources()).toEqual([
      expect.objectContaining({ source: 'broker', stale: false }),
    ]);
  });

  it.each([
    [
      'fails with 500',
      () => Promise.reject(new Error('Request failed with 500')),
    ],
    ['answers garbage', () => Promise.resolve('<html>502 Bad Gateway</html>')],
    [
      'answers verifications without subjects',
      () => Promise.resolve({ verifications: [{ verification: {} }] }),
    ],
    [
      'answers mocks in an unknown format',
      () =>
        Promise.resolve({
          mocks: [
            {
              subject: ledger,
              documents: [{ name: 'x', format: 'har', content: {} }],
            },
          ],
        }),
    ],
    ['never answers', () => new Promise(() => {})],
  ])(
    'reports a source that %s on the run and keeps its earlier evidence',
    async (_what, answer) => {
      const { evidenceStore, mockStore, sourceStore, run } = await setup();
      await run([
        broker(async () => ({
          verifications: [verified],
          mocks: [{ subject: ledger, documents: [mock('booked')] }],
        })),
      ]);

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
      expect(await mockStore.listMocks(ledgerId)).toHaveLength(1);
      expect(await sourceStore.listSources()).toEqual([
        expect.objectContaining({
          source: 'broker',
          stale: true,
          lastError: expect.any(String),
        }),
      ]);
    },
  );

  it("replaces a source's mocks when it answers in full, and keeps the rest when it reports errors", async () => {
    const { mockStore, sourceStore, run } = await setup();
    const names = async () =>
      (await mockStore.listMocks(ledgerId)).map(m => m.document.name);
    await run([
      broker(async () => ({
        mocks: [
          { subject: ledger, documents: [mock('booked'), mock('settled')] },
        ],
      })),
    ]);
    expect(await names()).toEqual(['booked', 'settled']);

    // The consumer's mock folder could not be read this time: nothing is lost.
    const partial = await run([
      broker(async () => ({
        mocks: [],
        errors: ['component:default/ledger: mocks/booked.json is not JSON'],
      })),
    ]);
    expect(partial.errors).toEqual([
      expect.objectContaining({
        message:
          'Evidence source broker: component:default/ledger: mocks/booked.json is not JSON',
      }),
    ]);
    expect(await names()).toEqual(['booked', 'settled']);
    expect((await sourceStore.listSources())[0]).toMatchObject({
      stale: true,
      lastError: expect.stringContaining('not JSON'),
    });

    // A document over the size limit is refused, the earlier ones kept.
    const oversized = await run([
      broker(async () => ({
        mocks: [
          {
            subject: ledger,
            documents: [
              { ...mock('huge'), content: { pad: 'x'.repeat(2000) } },
            ],
          },
        ],
      })),
    ]);
    expect(oversized.errors[0].message).toContain(
      'mock document huge is larger than 1000 bytes',
    );
    expect(await names()).toEqual(['booked', 'settled']);

    // A full answer without the integration removes its mocks from this source.
    expect((await run([broker(async () => ({ mocks: [] }))])).errors).toEqual(
      [],
    );
    expect(await names()).toEqual([]);
    expect((await sourceStore.listSources())[0]).toMatchObject({
      stale: false,
    });
  });

  it('goes on with the other sources when one fails', async () => {
    const { run } = await setup();
    const result = await run([
      broker(() => Promise.reject(new Error('timeout'))),
      { ...broker(async () => [verified]), id: 'ci-reports' },
    ]);
    expect(result.recorded).toBe(1);
    expect(result.errors).toHaveLength(1);
  });

  it('gives a source back the cursor of its last recorded answer, keeps the mocks a partial answer does not mention, and keeps the cursor when the source fails', async () => {
    const { mockStore, run } = await setup();
    const cursors: (string | undefined)[] = [];
    const answers: unknown[] = [
      {
        mocks: [{ subject: ledger, documents: [mock('booked')] }],
        cursor: 'c1',
      },
      // Nothing changed since c1.
      { mocks: [], partial: true, cursor: 'c2' },
      new Error('broker down'),
      { mocks: [], partial: true, cursor: 42 },
      { mocks: [{ subject: ledger, documents: [] }], partial: true },
    ];
    const source: EvidenceSource = {
      id: 'broker',
      collect: async ({ cursor }) => {
        cursors.push(cursor);
        const answer = answers.shift();
        if (answer instanceof Error) throw answer;
        return answer as never;
      },
    };
    const names = async () =>
      (await mockStore.listMocks(ledgerId)).map(m => m.document.name);

    await run([source]);
    expect((await run([source])).errors).toEqual([]);
    expect(await names()).toEqual(['booked']);
    expect((await run([source])).errors).toHaveLength(1);
    expect((await run([source])).errors[0].message).toContain(
      'its cursor is not a string',
    );
    // Mentioned with no documents: its mocks are gone.
    await run([source]);
    expect(await names()).toEqual([]);
    expect(cursors).toEqual([undefined, 'c1', 'c2', 'c2', 'c2']);
  });
});
