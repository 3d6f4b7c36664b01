import { loadSpec } from '@integration-health/spec-diff';
import fs from 'node:fs';
import path from 'node:path';
import { MockChecker } from '../mocks/checkMocks';
import { readPact } from '../mocks/readPact';
import { readWireMock } from '../mocks/readWireMock';
import { generateMockBundle } from './generateMockBundle';

function fixture(file: string) {
  const spec = loadSpec(
    fs.readFileSync(path.join(__dirname, '__fixtures__', file), 'utf8'),
  );
  return { ...spec, document: spec.document };
}

const bundleOf = (file: string, format: 'wiremock' | 'pact') =>
  generateMockBundle({
    spec: fixture(file),
    format,
    consumerName: 'shop',
    providerName: 'warehouse',
  });

describe('generated bundles read back', () => {
  it('reads the WireMock bundle, saved as text, as the same requests and responses', () => {
    const bundle = bundleOf('warehouse-3.0.yaml', 'wiremock');
    const text = JSON.stringify(bundle.content, null, 2);
    const { interactions, unreadable } = readWireMock(text, {
      name: bundle.fileName,
    });
    expect(unreadable).toEqual([]);
    expect(interactions.map(i => i.name)).toEqual(
      bundle.stubs.map(line => `${bundle.fileName}#${line}`),
    );
    const item = interactions[0];
    expect(item).toMatchObject({
      kind: 'http',
      madeFromVersion: '1.2.0',
      request: {
        method: 'GET',
        path: '/v1/items/AAA-0000',
        headers: { 'X-Request-Id': expect.any(String) },
      },
      response: {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: expect.objectContaining({ location: { aisle: 'A00', shelf: 0 } }),
      },
    });
    // Path, query and headers are pinned down; only bodies WireMock does
    // not match on (none sent, or bytes) are left to the reader's judgement.
    for (const read of interactions) {
      if (read.kind !== 'http') continue;
      expect(read.unknown ?? {}).toEqual(
        read.request.method === 'POST' ? {} : { requestBody: 'whole' },
      );
    }
  });

  it('reads the pact back with its HTTP interactions and messages', () => {
    const http = bundleOf('petstore-2.0.yaml', 'pact');
    const read = readPact(JSON.parse(JSON.stringify(http.content)), {
      name: http.fileName,
    });
    expect(read.unreadable).toEqual([]);
    expect(read.interactions).toHaveLength(http.stubs.length);
    expect(read.interactions[0]).toMatchObject({
      kind: 'http',
      madeFromVersion: '0.9.1',
      request: {
        method: 'POST',
        path: '/api/v1/pets',
        body: { name: 'string', tag: 'string' },
      },
      response: { status: 201, body: { id: 7, name: 'Rex', tag: 'dog' } },
    });
    const events = bundleOf('users-asyncapi-3.yaml', 'pact');
    const messages = readPact(events.content, { name: events.fileName });
    expect(
      messages.interactions.map(i => i.kind === 'message' && i.channel),
    ).toEqual(['user-events', 'user-events', 'users.u-42.audit']);
  });

  it('is judged, not waved through: a generated stub edited out of shape fails the check', async () => {
    const bundle = bundleOf('warehouse-3.0.yaml', 'wiremock');
    const [item] = (bundle.content as { mappings: any[] }).mappings;
    item.response.jsonBody.stock = 'plenty';
    const { checks } = await new MockChecker(
      fixture('warehouse-3.0.yaml'),
    ).check(
      [
        {
          source: 'generated',
          document: {
            name: 'edited',
            format: 'wiremock',
            content: bundle.content,
          },
        },
      ],
      '2026-11-22T08:00:00.000Z',
    );
    expect(checks.filter(c => !c.valid).map(c => c.operation)).toEqual([
      'GET /items/{sku}',
    ]);
  });
});
