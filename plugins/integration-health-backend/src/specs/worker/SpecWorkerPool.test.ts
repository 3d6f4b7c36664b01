import { ServiceUnavailableError } from '@backstage/errors';
import { diffSpecs, SpecInputError } from '@integration-health/spec-diff';
import { SpecJobLimitError, SpecWorkerPool } from './SpecWorkerPool';

jest.setTimeout(60_000);

const openapi = (required: string[]) =>
  JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'intake', version: '1.0.0' },
    paths: {
      '/transactions': {
        post: {
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required,
                  properties: Object.fromEntries(
                    required.map(p => [p, { type: 'string' }]),
                  ),
                },
              },
            },
          },
          responses: { '201': { description: 'created' } },
        },
      },
    },
  });

/** A YAML document that takes a worker seconds to parse. */
const slowYaml = () =>
  `openapi: 3.0.3\ninfo: { title: big, version: '1' }\npaths:\n${Array.from(
    { length: 120_000 },
    (_, i) =>
      `  /p${i}:\n    get:\n      responses: { '200': { description: ok } }\n`,
  ).join('')}`;

/** The longest the event loop was blocked while `work` ran, in ms. */
async function longestStall(work: Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  await work.catch(() => undefined);
  clearInterval(timer);
  return longest;
}

describe('SpecWorkerPool', () => {
  const pools: SpecWorkerPool[] = [];
  const pool = (options?: ConstructorParameters<typeof SpecWorkerPool>[0]) => {
    const created = new SpecWorkerPool(options);
    pools.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map(p => p.close()));
  });

  it('answers what diffSpecs answers in-process', async () => {
    const base = openapi(['amount']);
    const revision = openapi(['amount', 'currency']);
    const inWorker = await pool().diff({ base, revision, options: {} });
    const inProcess = await diffSpecs(base, revision);
    expect(inWorker).toEqual(inProcess);
    expect(inWorker.findings.map(f => f.id)).toContain(
      'new-required-request-property',
    );
  });

  it('reads a spec with its format and version', async () => {
    await expect(pool().load(openapi(['amount']))).resolves.toMatchObject({
      format: 'openapi-3.0',
      version: '1.0.0',
      document: { openapi: '3.0.3' },
    });
  });

  it('fails with the same SpecInputError, code and place, as in-process', async () => {
    const failure = pool().diff({
      base: openapi(['amount']),
      revision: 'openapi: 3.0.3\npaths: [\n',
      options: {},
    });
    await expect(failure).rejects.toBeInstanceOf(SpecInputError);
    await expect(failure).rejects.toMatchObject({
      code: 'syntax',
      location: { which: 'revision' },
    });
  });

  it('stops a job over its time limit with a 422, keeps the event loop free meanwhile, and serves the next job', async () => {
    const workers = pool({ jobTimeoutMs: 2000 });
    const slow = workers.load(slowYaml());
    const stall = await longestStall(slow);
    await expect(slow).rejects.toBeInstanceOf(SpecJobLimitError);
    await expect(slow).rejects.toMatchObject({
      statusCode: 422,
      message: 'Comparing took longer than 2 s and was stopped',
    });
    // Parsed on the event loop, the document would block it for seconds.
    expect(stall).toBeLessThan(1000);
    await expect(workers.load(openapi(['amount']))).resolves.toMatchObject({
      version: '1.0.0',
    });
  });

  it('stops a job that needs more memory than a worker may use with a 413', async () => {
    // A worker that loads the comparator from source (as under jest) needs
    // some tens of MB before its first job; the document needs hundreds.
    const workers = pool({ maxHeapMb: 64, jobTimeoutMs: 60_000 });
    const big = workers.load(slowYaml());
    await expect(big).rejects.toMatchObject({
      name: 'SpecJobLimitError',
      statusCode: 413,
      message: 'Comparing needed more than 64 MB and was stopped',
    });
    await expect(workers.load(openapi(['amount']))).resolves.toMatchObject({
      version: '1.0.0',
    });
  });

  it('refuses jobs past its queue at once with a 503, and runs the ones it took', async () => {
    const workers = pool({ workers: 1, maxQueue: 2 });
    const text = openapi(['amount']);
    await workers.load(text); // the worker is up
    // One runs, two wait, the fourth is refused.
    const taken = [1, 2, 3].map(() => workers.load(text));
    const refused = workers.load(text);
    await expect(refused).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(refused).rejects.toThrow(
      'Too many specs are being compared (2 waiting); try again shortly',
    );
    for (const job of taken) {
      await expect(job).resolves.toMatchObject({ version: '1.0.0' });
    }
  });
});
