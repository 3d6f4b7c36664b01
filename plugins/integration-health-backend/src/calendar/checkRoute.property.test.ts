import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import request from 'supertest';
import {
  deepSchema,
  deepYaml,
  openApiWith,
  PLAIN_SCHEMA,
  run,
  wideYaml,
} from '../__testUtils__/hostileSpecs';
import { integrationHealthPlugin } from '../plugin';
import { paymentsCatalog } from '../testUtils/entities';

jest.setTimeout(120_000);

const CHECK = '/api/integration-health/v1/calendar/check';
const user = mockCredentials.user.header();

/** What a caller may wait for: 3 s under 1 MB, then 1 s more per MB. */
const boundMs = (bytes: number) =>
  3000 + Math.max(0, bytes / 1_000_000 - 1) * 1000;

const size = (max: number) =>
  fc.oneof(
    fc.integer({ min: 1, max: 100 }),
    fc.integer({ min: 100, max: max / 10 }),
    fc.integer({ min: max / 10, max }),
  );

const ODD_REFS = [
  '#/components/schemas/Missing',
  '#/components/schemas/%E0%A4%A',
  '#/components/schemas/%zz',
  '#/components/schemas/S0',
  '#/components/schemas/S1',
  '#/%00',
  '#',
  '../../../../etc/passwd',
  'http://127.0.0.1:1/x.json',
];

/** Candidate (or base) texts, small and large. */
const hostileSpec: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        '',
        'openapi: 3.0.3\ninfo:\n  title: ',
        '{"openapi":"3.0.3","info":{"title":"',
        'type Query { a: String }\n',
        'asyncapi: 2.6.0\nchannels:\n  ',
      ),
      fc.constantFrom('"', '"""', '{', '[', '\\', '- ', '{"', '\u0000', '#'),
      size(200_000),
    )
    .map(([prefix, unit, count]) => run(prefix, unit, count)),
  size(40_000).map(depth => openApiWith([deepSchema(depth)])),
  size(50_000).map(
    depth =>
      `type Query {\n  a: ${'['.repeat(depth)}String${']'.repeat(depth)}\n}\n`,
  ),
  fc.integer({ min: 1, max: 3_000_000 }).map(bytes => deepYaml(bytes)),
  fc.integer({ min: 1, max: 1_500_000 }).map(bytes => wideYaml(bytes)),
  fc
    .tuple(
      fc.constantFrom('a', '"', '\\', '\n'),
      fc.integer({ min: 1, max: 3_000_000 }),
    )
    .map(([unit, bytes]) => openApiWith([PLAIN_SCHEMA], unit.repeat(bytes))),
  fc
    .array(fc.tuple(fc.nat(20), fc.constantFrom(...ODD_REFS)), {
      maxLength: 40,
    })
    .map(edges =>
      openApiWith(
        Array.from(
          { length: 21 },
          (_, i) =>
            `{"type":"object","properties":{${edges
              .filter(([from]) => from === i)
              .map(([, ref], n) => `"p${n}":{"$ref":${JSON.stringify(ref)}}`)
              .join(',')}}}`,
        ),
      ),
    ),
);

/** A failing case is printed with its texts cut short, not megabytes of them. */
function shortlyPrinted<T extends object>(body: T): T {
  const short = (value: unknown) =>
    typeof value === 'string' && value.length > 80
      ? `${JSON.stringify(value.slice(0, 60))}… (${value.length} characters)`
      : JSON.stringify(value);
  return Object.assign(body, {
    [fc.toStringMethod]: () =>
      `{${Object.entries(body)
        .map(([key, value]) => `${key}: ${short(value)}`)
        .join(', ')}}`,
  });
}

/**
 * Check requests: hostile specs, and odd fields around them. The base is a
 * plain spec, another hostile one, the candidate itself (so the comparison,
 * not only the reader, meets the hostile part) or absent.
 */
const checkBody = fc
  .record({
    apiRef: fc.oneof(
      { weight: 6, arbitrary: fc.constant('api:default/validation-api') },
      fc.constantFrom(
        'api:default/missing',
        'api:default/../validation-api',
        'api:default/valid\u0000ation-api',
        'api/default/validation-api',
      ),
    ),
    spec: fc.oneof(
      { weight: 8, arbitrary: hostileSpec },
      { weight: 1, arbitrary: fc.constantFrom<unknown>('', 42, null, ['a']) },
    ),
    base: fc.oneof(
      fc.constant('plain' as const),
      fc.constant('same' as const),
      fc.constant(undefined),
      hostileSpec,
    ),
  })
  .map(({ base, ...body }) => {
    const bases = { plain: openApiWith([PLAIN_SCHEMA]), same: body.spec };
    if (base === undefined) return shortlyPrinted(body);
    return shortlyPrinted({
      ...body,
      base: base === 'plain' || base === 'same' ? bases[base] : base,
    });
  });

describe('POST /v1/calendar/check on generated hostile candidates', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        integrationHealthPlugin,
        catalogServiceMock.factory({ entities: paymentsCatalog() }),
        mockServices.rootConfig.factory({
          data: {
            integrationHealth: {
              sync: {
                schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
              },
              specs: { workers: { jobTimeoutSeconds: 3 } },
            },
          },
        }),
      ],
    });
  });

  afterAll(() => backend.stop());

  it('answers each with a comparison or a 4xx/503 naming the reason, never a 500, within its bound', async () => {
    await fc.assert(
      fc.asyncProperty(checkBody, async body => {
        const text = JSON.stringify(body);
        const started = performance.now();
        const res = await request(backend.server)
          .post(CHECK)
          .set('Authorization', user)
          .set('Content-Type', 'application/json')
          .send(text);
        const ms = performance.now() - started;

        const answer =
          res.status === 200
            ? 'comparison'
            : `${res.status >= 400 && res.status < 500 ? '4xx' : res.status}${
                res.body?.error?.message ? ' with a reason' : ''
              }`;
        expect([
          'comparison',
          '4xx with a reason',
          '503 with a reason',
        ]).toContain(answer);
        expect(ms).toBeLessThan(boundMs(text.length));
      }),
      // A fixed seed: CI sends the same requests on every run.
      { seed: 20261203, numRuns: 60, endOnFailure: true },
    );
  });

  it('keeps answering other requests while a large candidate is compared', async () => {
    const candidate = wideYaml(8_000_000);
    const check = request(backend.server)
      .post(CHECK)
      .set('Authorization', user)
      .send({
        apiRef: 'api:default/validation-api',
        base: openApiWith([PLAIN_SCHEMA]),
        spec: candidate,
      })
      .then(res => res);
    const latencies: number[] = [];
    const checkDone = check.then(() => Date.now());
    // Ask while the candidate is being read, parsed and compared.
    await new Promise(resolve => setTimeout(resolve, 300));
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      const res = await request(backend.server)
        .get('/api/integration-health/v1/calendar')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      latencies.push(performance.now() - started);
    }
    const listedAt = Date.now();
    const checked = await check;
    expect([200, 413, 422, 503]).toContain(checked.status);
    // The check was still running while the list answered.
    expect(await checkDone).toBeGreaterThan(listedAt);
    expect(Math.max(...latencies)).toBeLessThan(500);
  });
});
