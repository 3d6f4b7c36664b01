import fs from 'node:fs';
import path from 'node:path';
import { JaegerError } from './JaegerError';
import { JaegerSource } from './JaegerSource';
import { startTestServer, TestServer } from './__testUtils__/testServer';

// A local server answering like Jaeger's query service. The fixture has the
// shape of Jaeger's answer for its HotROD demo's services.
const recorded = fs.readFileSync(
  path.join(__dirname, '__fixtures__', 'dependencies.json'),
  'utf8',
);

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(s => s.close()));
});

async function jaeger(handler: Parameters<typeof startTestServer>[0]) {
  const server = await startTestServer(handler);
  servers.push(server);
  return server;
}

function sourceFor(server: TestServer, timeoutMs = 5_000) {
  return new JaegerSource({
    baseUrl: server.url,
    lookbackMinutes: 90,
    headers: { Authorization: 'Bearer s3cret' },
    timeoutMs,
  });
}

function collect(source: JaegerSource, signal = new AbortController().signal) {
  return source.collect({ signal });
}

const answering = (status: number, body: string) =>
  jaeger((_request, response) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(body);
  });

describe('JaegerSource', () => {
  it('reads who called whom over the lookback, with the auth header, counting calls only', async () => {
    const server = await answering(200, recorded);
    const before = Date.now();
    const seen = await collect(sourceFor(server));

    expect(seen.calls).toEqual([
      { client: 'frontend', server: 'customer', calls: 12 },
      { client: 'frontend', server: 'driver', calls: 12 },
      { client: 'frontend', server: 'route', calls: 120 },
      { client: 'customer', server: 'mysql', calls: 12 },
      { client: 'driver', server: 'redis-manual', calls: 168 },
    ]);
    expect(seen.errors).toBeUndefined();
    const request = server.requests[0];
    const url = new URL(request.url!, server.url);
    expect(url.pathname).toBe('/api/dependencies');
    expect(url.searchParams.get('lookback')).toBe(String(90 * 60_000));
    const endTs = Number(url.searchParams.get('endTs'));
    expect(endTs).toBeGreaterThanOrEqual(before);
    expect(endTs).toBeLessThanOrEqual(Date.now());
    expect(request.headers.authorization).toBe('Bearer s3cret');
    expect(Date.parse(seen.windowEnd)).toBe(endTs);
    expect(Date.parse(seen.windowEnd) - Date.parse(seen.windowStart)).toBe(
      90 * 60_000,
    );
  });

  it('keeps a base URL path (Jaeger behind a prefix)', async () => {
    const server = await answering(200, recorded);
    const source = new JaegerSource({
      baseUrl: `${server.url}/jaeger`,
      lookbackMinutes: 60,
      headers: {},
      timeoutMs: 5_000,
    });
    await collect(source);
    expect(server.requests[0].url).toMatch(/^\/jaeger\/api\/dependencies\?/);
  });

  it('reads data: null as no calls, and adds up a link listed twice', async () => {
    expect(
      (await collect(sourceFor(await answering(200, '{"data":null}')))).calls,
    ).toEqual([]);
    const twice = JSON.stringify({
      data: [
        { parent: 'a', child: 'b', callCount: 3 },
        { parent: 'a', child: 'b', callCount: 4 },
        { parent: 'b', child: 'a', callCount: 0 },
      ],
    });
    expect(
      (await collect(sourceFor(await answering(200, twice)))).calls,
    ).toEqual([
      { client: 'a', server: 'b', calls: 7 },
      { client: 'b', server: 'a', calls: 0 },
    ]);
  });

  it('throws with the status and Jaeger’s own message on a 500', async () => {
    const server = await answering(
      500,
      JSON.stringify({
        data: null,
        errors: [{ code: 500, msg: 'elasticsearch: no such index' }],
      }),
    );
    const failure = collect(sourceFor(server));
    await expect(failure).rejects.toThrow(JaegerError);
    await expect(failure).rejects.toThrow(
      /answered 500 Internal Server Error: elasticsearch: no such index/,
    );
  });

  it('gives up on a Jaeger that never answers within the timeout', async () => {
    const server = await jaeger(() => {
      // never answers
    });
    const started = Date.now();
    await expect(collect(sourceFor(server, 300))).rejects.toThrow(
      /took longer than 0.3 s/,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('gives up on a body that stops half way', async () => {
    const server = await jaeger((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"data":[{"parent":"a",');
    });
    await expect(collect(sourceFor(server, 300))).rejects.toThrow(
      /took longer than 0.3 s/,
    );
  });

  it('stops when the sync aborts it', async () => {
    const server = await jaeger(() => {
      // never answers
    });
    const sync = new AbortController();
    const failure = collect(sourceFor(server), sync.signal);
    setTimeout(() => sync.abort(new Error('the source took too long')), 50);
    await expect(failure).rejects.toThrow(
      /was aborted: the source took too long/,
    );
  });

  it('throws on a body that is not JSON', async () => {
    const server = await answering(200, '<html><body>Jaeger UI</body></html>');
    await expect(collect(sourceFor(server))).rejects.toThrow(
      /dependencies are not JSON/,
    );
  });

  it.each([
    ['a list', '[]', /not an object with a data list/],
    ['no data', '{"total":0}', /not an object with a data list/],
    ['data not a list', '{"data":{"parent":"a"}}', /has no data list/],
    [
      'a link without child',
      '{"data":[{"parent":"a","callCount":1}]}',
      /link 0 has no parent or child/,
    ],
    [
      'a link that is not an object',
      '{"data":[7]}',
      /link 0 has no parent or child/,
    ],
    [
      'a negative count',
      '{"data":[{"parent":"a","child":"b","callCount":-1}]}',
      /a → b has a call count .*-1/,
    ],
    [
      'a count as text',
      '{"data":[{"parent":"a","child":"b","callCount":"12"}]}',
      /call count .*"12"/,
    ],
    [
      'a fractional count',
      '{"data":[{"parent":"a","child":"b","callCount":1.5}]}',
      /call count .*1.5/,
    ],
    ['no count', '{"data":[{"parent":"a","child":"b"}]}', /call count/],
  ])('throws on the wrong shape: %s', async (_case, body, message) => {
    const failure = collect(sourceFor(await answering(200, body)));
    await expect(failure).rejects.toThrow(JaegerError);
    await expect(failure).rejects.toThrow(message);
  });

  it('refuses a body over 10 MB, streamed or declared', async () => {
    const streamed = await jaeger((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"data":[');
      const link = `${JSON.stringify({
        parent: 'a',
        child: 'b',
        callCount: 1,
      })},`;
      const chunk = link.repeat(Math.ceil((1024 * 1024) / link.length));
      for (let i = 0; i < 11; i++) response.write(chunk);
      response.end('{"parent":"a","child":"b","callCount":1}]}');
    });
    await expect(collect(sourceFor(streamed))).rejects.toThrow(
      /answered more than 10 MB; not read/,
    );

    const declared = await jaeger((_request, response) => {
      response.writeHead(200, { 'Content-Length': String(50 * 1024 * 1024) });
      response.write('{"data":[');
    });
    await expect(collect(sourceFor(declared))).rejects.toThrow(
      /answered more than 10 MB; not read/,
    );
  });

  it('refuses more than 100,000 links', async () => {
    const links = Array.from({ length: 100_001 }, (_, i) => ({
      parent: `s${i}`,
      child: 'db',
      callCount: 1,
    }));
    const server = await answering(200, JSON.stringify({ data: links }));
    await expect(collect(sourceFor(server))).rejects.toThrow(
      /100001 dependency links, more than the 100000 read/,
    );
  });

  it('does not follow a redirect, so the auth header goes nowhere else', async () => {
    const elsewhere = await answering(200, recorded);
    const server = await jaeger((_request, response) => {
      response.writeHead(302, {
        Location: `${elsewhere.url}/api/dependencies`,
      });
      response.end();
    });
    const failure = collect(sourceFor(server));
    await expect(failure).rejects.toThrow(JaegerError);
    await expect(failure).rejects.toThrow(/redirect/);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('throws when nothing listens at the base URL', async () => {
    const server = await answering(200, recorded);
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    await expect(collect(sourceFor(server))).rejects.toThrow(
      /GET http:\/\/127\.0\.0\.1:\d+\/api\/dependencies failed: fetch failed/,
    );
  });

  it("links to Jaeger UI's search for the caller's failed traces over a range", () => {
    const source = new JaegerSource({
      baseUrl: 'https://tracing.example.com/jaeger',
      lookbackMinutes: 60,
      headers: {},
      timeoutMs: 1_000,
    });
    const link = new URL(
      source.linkTo(
        { client: 'checkout & co', server: 'payments', connectionType: '' },
        {
          from: new Date('2026-12-01T10:00:00Z'),
          to: new Date('2026-12-01T12:00:00Z'),
        },
      ),
    );
    expect(`${link.origin}${link.pathname}`).toBe(
      'https://tracing.example.com/jaeger/search',
    );
    expect(Object.fromEntries(link.searchParams)).toEqual({
      service: 'checkout & co',
      start: String(Date.parse('2026-12-01T10:00:00Z') * 1000),
      end: String(Date.parse('2026-12-01T12:00:00Z') * 1000),
      lookback: 'custom',
      limit: '20',
      tags: '{"error":"true"}',
    });
  });
});
