import { MockRoutes, preferredStatus } from './mockRoutes';
import { TokenBuckets } from './TokenBuckets';

/** A bundle as the generator writes it for the demo's intake API. */
const bundle = {
  mappings: [
    {
      name: 'POST /transactions → 202',
      request: { method: 'POST', urlPath: '/v2/transactions' },
      response: {
        status: 202,
        headers: { 'Content-Type': 'application/json' },
        jsonBody: { id: 'a', status: 'pending' },
      },
    },
    {
      name: 'POST /transactions → 400',
      request: { method: 'POST', urlPath: '/v2/transactions' },
      response: {
        status: 400,
        headers: { 'Content-Type': 'application/problem+json' },
        jsonBody: { title: 'Bad', status: 400 },
      },
    },
    {
      name: 'GET /transactions/{transactionId} → 404',
      request: {
        method: 'GET',
        urlPathTemplate: '/v2/transactions/{transactionId}',
        pathParameters: { transactionId: { equalTo: 'sample' } },
      },
      response: { status: 404, body: 'gone' },
    },
    {
      name: 'GET /transactions/{transactionId} → 200',
      request: {
        method: 'GET',
        urlPathTemplate: '/v2/transactions/{transactionId}',
        pathParameters: { transactionId: { equalTo: 'sample' } },
      },
      response: { status: 200, jsonBody: { id: 'sample' } },
    },
    {
      name: 'GET /transactions/summary → 200',
      request: { method: 'GET', urlPath: '/v2/transactions/summary' },
      response: { status: 200, jsonBody: { total: 1 } },
    },
  ],
};

describe('MockRoutes', () => {
  const routes = new MockRoutes(bundle);

  it('matches the path template for any values, with or without the base path, and answers the lowest 2xx', () => {
    for (const path of [
      '/v2/transactions/5f0c6f1e-0000-4000-8000-000000000000',
      '/transactions/other-id',
      '/transactions/other-id/',
    ]) {
      const match = routes.match('GET', path);
      expect(match).toMatchObject({
        kind: 'answer',
        operation: 'GET /transactions/{transactionId}',
        response: { status: 200 },
      });
    }
    const posted = routes.match('POST', '/v2/transactions');
    expect(posted).toMatchObject({ response: { status: 202 } });
    if (posted.kind !== 'answer') throw new Error('no answer');
    expect(JSON.parse(posted.response.body!.toString())).toEqual({
      id: 'a',
      status: 'pending',
    });
    expect(posted.response.headers['content-type']).toBe('application/json');
  });

  it('routes a concrete path before a template that also matches it', () => {
    expect(routes.match('GET', '/v2/transactions/summary')).toMatchObject({
      operation: 'GET /transactions/summary',
    });
  });

  it('answers the status a Prefer header asks for, and says which there are when it has none', () => {
    expect(
      routes.match('GET', '/transactions/x', preferredStatus('code=404')),
    ).toMatchObject({ response: { status: 404, body: Buffer.from('gone') } });
    expect(
      routes.match('POST', '/transactions', preferredStatus('code=500')),
    ).toEqual({
      kind: 'no-status',
      operation: 'POST /transactions',
      statuses: [202, 400],
    });
    expect(preferredStatus('example=foo, code=400')).toBe(400);
    expect(preferredStatus('code=abc')).toBeUndefined();
  });

  it('lists the operations when nothing matches the method and path', () => {
    expect(routes.match('DELETE', '/v2/transactions')).toEqual({
      kind: 'no-operation',
      operations: [
        'GET /transactions/summary',
        'GET /transactions/{transactionId}',
        'POST /transactions',
      ],
    });
    expect(routes.match('GET', '/v2/transactions/a/b').kind).toBe(
      'no-operation',
    );
  });

  it('matches a long hostile path in linear time', () => {
    const hostile = new MockRoutes({
      mappings: [
        {
          name: 'GET /{a}x{b}x{c} → 200',
          request: { method: 'GET', urlPathTemplate: '/{a}x{b}x{c}' },
          response: { status: 200 },
        },
      ],
    });
    const started = Date.now();
    for (let i = 0; i < 100; i++) hostile.match('GET', `/${'x'.repeat(2048)}`);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('TokenBuckets', () => {
  it('lets a key take its rate in a burst, then says when to retry, and refills with time', () => {
    let now = 0;
    const buckets = new TokenBuckets(3, () => now);
    expect([1, 2, 3].map(() => buckets.take('a').ok)).toEqual([
      true,
      true,
      true,
    ]);
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(buckets.take('b').ok).toBe(true);
    now += 400;
    expect(buckets.take('a').ok).toBe(true);
    expect(buckets.take('a').ok).toBe(false);
  });
});
