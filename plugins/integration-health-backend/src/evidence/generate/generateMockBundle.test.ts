import { loadSpec } from '@integration-health/spec-diff';
import fs from 'node:fs';
import path from 'node:path';
import { MockChecker } from '../mocks/checkMocks';
import {
  generateMockBundle,
  GeneratedMockBundle,
  MockBundleFormat,
} from './generateMockBundle';

function fixture(file: string) {
  const spec = loadSpec(
    fs.readFileSync(path.join(__dirname, '__fixtures__', file), 'utf8'),
  );
  return { ...spec, document: spec.document };
}

function generate(
  file: string,
  format: MockBundleFormat,
  operations?: string[],
) {
  return generateMockBundle({
    spec: fixture(file),
    format,
    operations,
    consumerName: 'Front Office',
    providerName: 'backend',
  });
}

async function check(file: string, bundle: GeneratedMockBundle) {
  return new MockChecker(fixture(file)).check(
    [
      {
        source: 'generated',
        document: {
          name: bundle.fileName,
          format: bundle.format,
          content: bundle.content,
        },
      },
    ],
    '2026-11-22T08:00:00.000Z',
  );
}

const mappings = (bundle: GeneratedMockBundle) =>
  (bundle.content as { mappings: any[] }).mappings;
const interactions = (bundle: GeneratedMockBundle) =>
  (bundle.content as { interactions: any[] }).interactions;
const named = (list: any[], name: string) =>
  list.find(m => (m.name ?? m.description) === name);

const cases: [string, MockBundleFormat][] = [
  ['library-3.1.yaml', 'wiremock'],
  ['library-3.1.yaml', 'pact'],
  ['warehouse-3.0.yaml', 'wiremock'],
  ['warehouse-3.0.yaml', 'pact'],
  ['petstore-2.0.yaml', 'wiremock'],
  ['petstore-2.0.yaml', 'pact'],
  ['orders-asyncapi-2.yaml', 'pact'],
  ['users-asyncapi-3.yaml', 'pact'],
];

describe('generateMockBundle', () => {
  it.each(cases)(
    '%s as %s passes the mock check with every stub valid',
    async (file, format) => {
      const bundle = generate(file, format);
      const { checks, unchecked } = await check(file, bundle);
      expect(unchecked).toBe(0);
      expect(checks.filter(c => !c.valid)).toEqual([]);
      expect(checks).toHaveLength(bundle.stubs.length);
      expect(bundle.operations).toEqual([
        ...new Set(checks.map(c => c.operation)),
      ]);
      expect(checks.every(c => c.madeFromVersion === bundle.specVersion)).toBe(
        true,
      );
    },
  );

  it('makes one stub per declared success and error status, named by operation and status', () => {
    const bundle = generate('library-3.1.yaml', 'wiremock');
    expect(bundle).toMatchObject({
      fileName: 'front-office-backend-3.4.0.wiremock.json',
      specVersion: '3.4.0',
      operations: [
        'GET /books/{isbn}',
        'GET /books/{isbn}/cover',
        'POST /loans',
      ],
      stubs: [
        'GET /books/{isbn} → 200',
        'GET /books/{isbn} → 404',
        'GET /books/{isbn}/cover → 200',
        'POST /loans → 201',
        'POST /loans → 409',
      ],
    });
    expect(mappings(bundle).map(m => m.name)).toEqual(bundle.stubs);
    expect(mappings(bundle).map(m => m.metadata)).toEqual(
      bundle.stubs.map(() => ({ specVersion: '3.4.0' })),
    );
  });

  it("offers every operation when none of the consumer's is in the spec any more, and only the consumer's while any is", () => {
    expect(
      generate('library-3.1.yaml', 'wiremock', [
        'get /books/{isbn}',
        'DELETE /gone',
      ]).operations,
    ).toEqual(['GET /books/{isbn}']);
    expect(
      generate('library-3.1.yaml', 'wiremock', ['DELETE /gone']).operations,
    ).toEqual(['GET /books/{isbn}', 'GET /books/{isbn}/cover', 'POST /loans']);
  });

  it('pairs request and response examples by name, as Microcks does', () => {
    const bundle = generate('library-3.1.yaml', 'wiremock');
    const found = named(mappings(bundle), 'GET /books/{isbn} → 200');
    expect(found.request).toEqual({
      method: 'GET',
      urlPathTemplate: '/api/books/{isbn}',
      pathParameters: { isbn: { equalTo: '9780141439518' } },
      queryParameters: { edition: { equalTo: '2' } },
      headers: { Authorization: { equalTo: 'Bearer token' } },
    });
    expect(found.response.jsonBody).toMatchObject({
      title: 'Pride and Prejudice',
    });
    const missing = named(mappings(bundle), 'GET /books/{isbn} → 404');
    expect(missing.request.pathParameters).toEqual({
      isbn: { equalTo: '9780000000000' },
    });
    expect(missing.request.queryParameters).toBeUndefined();
    expect(missing.response.jsonBody).toEqual({
      title: 'No book 9780000000000',
    });
    const lent = named(mappings(bundle), 'POST /loans → 201');
    expect(lent.request.bodyPatterns).toEqual([
      {
        equalToJson: {
          isbn: '9780141439518',
          borrower: { kind: 'guest', email: 'guest@example.com' },
        },
      },
    ]);
  });

  it('samples schemas when there are no examples: nested refs, oneOf, nullable, patterns', () => {
    const bundle = generate('warehouse-3.0.yaml', 'wiremock');
    const item = named(mappings(bundle), 'GET /items/{sku} → 200');
    expect(item.request).toMatchObject({
      urlPathTemplate: '/v1/items/{sku}',
      pathParameters: { sku: { equalTo: 'AAA-0000' } },
      headers: {
        'X-Api-Key': { equalTo: expect.any(String) },
        'X-Request-Id': { equalTo: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      },
    });
    expect(item.response.jsonBody).toMatchObject({
      sku: expect.any(String),
      stock: 0,
      location: { aisle: 'A00', shelf: 0 },
      // A recursive schema stops at its required fields.
      category: expect.objectContaining({ name: 'string' }),
    });
    // A 4XX range is mocked as its first status.
    expect(named(mappings(bundle), 'GET /items/{sku} → 400')).toBeDefined();
    // `default` stands for the success when no success is declared.
    const shipments = named(mappings(bundle), 'GET /shipments → 200');
    expect(shipments.request.queryParameters).toEqual({
      status: { equalTo: 'open' },
    });
    expect(shipments.response.jsonBody).toEqual([
      { id: expect.any(String), weightGrams: 0 },
    ]);
  });

  it('sends binary bodies as base64, and no body for 204', () => {
    const wiremock = generate('warehouse-3.0.yaml', 'wiremock');
    const upload = named(mappings(wiremock), 'PUT /items/{sku}/photo → 204');
    expect(upload.request.headers).toEqual({
      'Content-Type': { equalTo: 'application/octet-stream' },
    });
    expect(upload.request.bodyPatterns).toEqual([
      { binaryEqualTo: expect.any(String) },
    ]);
    expect(upload.response).toEqual({ status: 204 });
    const cover = named(
      mappings(generate('library-3.1.yaml', 'wiremock')),
      'GET /books/{isbn}/cover → 200',
    );
    expect(cover.response).toEqual({
      status: 200,
      headers: { 'Content-Type': 'application/octet-stream' },
      base64Body: expect.any(String),
    });
    const pact = generate('petstore-2.0.yaml', 'pact');
    const photo = named(interactions(pact), 'GET /pets/{petId}/photo → 200');
    expect(photo.response.body).toEqual({
      content: expect.any(String),
      contentType: 'image/jpeg',
      encoded: 'base64',
    });
  });

  it('reads Swagger 2: body parameters, basePath, response examples, basic auth', () => {
    const bundle = generate('petstore-2.0.yaml', 'pact');
    expect(bundle.stubs).toEqual([
      'POST /pets → 201',
      'POST /pets → 422',
      'GET /pets/{petId} → 200',
      'GET /pets/{petId} → 404',
      'GET /pets/{petId}/photo → 200',
    ]);
    const added = named(interactions(bundle), 'POST /pets → 201');
    expect(added.request).toEqual({
      method: 'POST',
      path: '/api/v1/pets',
      headers: {
        Authorization: [expect.stringMatching(/^Basic /)],
        'Content-Type': ['application/json'],
      },
      body: {
        content: { name: 'string', tag: 'string' },
        contentType: 'application/json',
        encoded: false,
      },
    });
    expect(added.response.body.content).toEqual({
      id: 7,
      name: 'Rex',
      tag: 'dog',
    });
    const pet = named(interactions(bundle), 'GET /pets/{petId} → 200');
    expect(pet.request).toMatchObject({
      path: '/api/v1/pets/1',
      query: { fields: ['string'] },
    });
    expect(
      named(interactions(bundle), 'GET /pets/{petId} → 404').response,
    ).toEqual({
      status: 404,
    });
  });

  it('writes a pact v4 between the consumer and the provider, stamped with the spec version', () => {
    const bundle = generate('library-3.1.yaml', 'pact');
    expect(bundle.content).toMatchObject({
      consumer: { name: 'Front Office' },
      provider: { name: 'backend' },
      metadata: {
        pactSpecification: { version: '4.0' },
        'integration-health': { specVersion: '3.4.0' },
      },
    });
    const found = named(interactions(bundle), 'GET /books/{isbn} → 200');
    expect(found).toMatchObject({
      type: 'Synchronous/HTTP',
      providerStates: [{ name: 'found' }],
      request: {
        method: 'GET',
        path: '/api/books/9780141439518',
        query: { edition: ['2'] },
      },
      response: {
        status: 200,
        headers: { 'Content-Type': ['application/json'] },
        body: { contentType: 'application/json', encoded: false },
      },
    });
  });

  it('mocks AsyncAPI 2 messages with their examples or payload samples (also with only the required fields), one per message of a oneOf', () => {
    const bundle = generate('orders-asyncapi-2.yaml', 'pact');
    expect(bundle.operations).toEqual([
      'subscribe orders/{region}/placed',
      'subscribe orders.cancelled',
    ]);
    expect(bundle.stubs).toEqual([
      'subscribe orders/{region}/placed → OrderPlaced',
      'subscribe orders/{region}/placed → OrderPlaced (required fields only)',
      'subscribe orders/{region}/placed → OrderPlacedLegacy',
      'subscribe orders.cancelled → byCustomer',
    ]);
    const [placed, placedMinimal, legacy, cancelled] = interactions(bundle);
    expect(placedMinimal.contents.content).not.toEqual(placed.contents.content);
    expect(placed).toEqual({
      type: 'Asynchronous/Messages',
      description: 'subscribe orders/{region}/placed → OrderPlaced',
      pending: false,
      contents: {
        content: {
          orderId: 'string',
          lines: [
            {
              sku: 'AAA-0000',
              quantity: 1,
              price: { amount: 'string', currency: 'str' },
            },
          ],
        },
        contentType: 'application/json',
        encoded: false,
      },
      metadata: { topic: 'orders/eu/placed' },
    });
    expect(legacy.contents.content).toEqual({ legacyId: 0 });
    expect(cancelled.contents.content).toEqual({
      orderId: 'o-1',
      reason: 'customer',
      at: '2026-11-01T10:00:00Z',
    });
  });

  it('mocks AsyncAPI 3 channels on their address', () => {
    const bundle = generate('users-asyncapi-3.yaml', 'pact');
    expect(bundle.operations).toEqual([
      'channel userEvents',
      'channel userAudit',
    ]);
    expect(
      interactions(bundle).map(i => [i.description, i.metadata.topic]),
    ).toEqual([
      ['channel userEvents → alice', 'user-events'],
      ['channel userEvents → userDeleted', 'user-events'],
      ['channel userAudit → audit', 'users.u-42.audit'],
    ]);
    expect(interactions(bundle)[2].contents.content).toEqual({
      action: 'string',
      actor: { id: 'string' },
    });
  });

  it('mocks only the operations the consumer uses', async () => {
    const bundle = generate('warehouse-3.0.yaml', 'wiremock', [
      'GET /items/{sku}',
      'get /shipments',
      'DELETE /gone',
    ]);
    expect(bundle.operations).toEqual(['GET /items/{sku}', 'GET /shipments']);
    expect(bundle.stubs).toEqual([
      'GET /items/{sku} → 200',
      'GET /items/{sku} → 400',
      'GET /shipments → 200',
    ]);
    const events = generate('orders-asyncapi-2.yaml', 'pact', [
      'subscribe orders.cancelled',
    ]);
    expect(events.stubs).toEqual(['subscribe orders.cancelled → byCustomer']);
    const all = generate('warehouse-3.0.yaml', 'wiremock', []);
    expect(all.operations).toHaveLength(3);
  });

  it('fills every path placeholder, declared or not, and writes path values as WireMock compares them: URL-encoded', async () => {
    const spec = loadSpec(`
openapi: 3.0.3
info: { title: Owners, version: 1.0.0 }
paths:
  /owners/{name}/pets/by_kind-{kind}:
    get:
      parameters:
        - { in: path, name: name, required: true, schema: { type: string }, example: Mary Ann }
      responses:
        '200': { description: ok }
`);
    const bundle = generateMockBundle({
      spec: { ...spec, document: spec.document },
      format: 'wiremock',
      consumerName: 'c',
      providerName: 'p',
    });
    const [mapping] = (bundle.content as { mappings: any[] }).mappings;
    expect(mapping.request).toMatchObject({
      urlPathTemplate: '/owners/{name}/pets/by_kind-{kind}',
      pathParameters: {
        name: { equalTo: 'Mary%20Ann' },
        kind: { equalTo: 'value' },
      },
    });
    const { checks } = await new MockChecker({ ...spec }).check(
      [
        {
          source: 'generated',
          document: { name: 'b', format: 'wiremock', content: bundle.content },
        },
      ],
      '2026-12-03T00:00:00.000Z',
    );
    expect(checks).toEqual([
      expect.objectContaining({
        operation: 'GET /owners/{name}/pets/by_kind-{kind}',
        valid: true,
      }),
    ]);
  });
});
