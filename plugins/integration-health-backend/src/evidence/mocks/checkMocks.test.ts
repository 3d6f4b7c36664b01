import { loadSpec } from '@integration-health/spec-diff';
import { MockDocument } from '@integration-health/plugin-integration-health-node';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { MockChecker, SpecNotCheckableError } from './checkMocks';

const examples = path.resolve(__dirname, '../../../../../examples/apis');
const fixtures = path.resolve(__dirname, '__fixtures__');

function currentSpec(api: string) {
  const entity = parse(
    fs.readFileSync(path.join(examples, api, 'api.yaml'), 'utf8'),
  );
  return loadSpec(entity.spec.definition);
}

function mockFile(file: string, format: MockDocument['format']): MockDocument {
  return {
    name: file,
    format,
    content: JSON.parse(fs.readFileSync(path.join(fixtures, file), 'utf8')),
  };
}

const at = '2026-11-22T08:00:00.000Z';

describe('MockChecker', () => {
  it('checks WireMock mappings against the current OpenAPI spec and says what drifted', async () => {
    const checker = new MockChecker(currentSpec('transaction-intake-api'));
    const { checks, unchecked } = await checker.check(
      [
        {
          source: 'mock-files',
          document: mockFile(
            'gateway/transaction-intake/submit-transaction.json',
            'wiremock',
          ),
        },
        {
          source: 'mock-files',
          document: mockFile(
            'gateway/transaction-intake/lookups.json',
            'wiremock',
          ),
        },
      ],
      at,
    );
    // The regex mapping names no exact operation: counted, not judged.
    expect(unchecked).toBe(1);
    const byName = Object.fromEntries(
      checks.map(c => [c.name.split('#')[1], c]),
    );
    expect(byName['submit a transaction']).toMatchObject({
      operation: 'POST /transactions',
      valid: false,
      madeFromVersion: '1.0.0',
    });
    expect(byName['submit a transaction'].problems).toEqual(
      expect.arrayContaining([
        // A request without a field the provider requires fails there...
        'request body lacks `accountRef`, which the current spec requires',
        // ...and a consumer reading a field the provider no longer sends fails in production.
        'response body has field `accountId` that the current spec does not define',
      ]),
    );
    expect(byName['look up a booked transaction']).toMatchObject({
      operation: 'GET /transactions/{transactionId}',
      valid: true,
      problems: [],
      madeFromVersion: '2.0.0',
    });
    expect(byName['unknown transaction']).toMatchObject({ valid: true });
    expect(byName['cancel a transaction']).toMatchObject({
      valid: false,
      problems: [expect.stringContaining('DELETE /transactions/')],
    });
  });

  it('checks pact v4 HTTP interactions and counts request/reply messages as unchecked', async () => {
    const checker = new MockChecker(currentSpec('transaction-validation-api'));
    const { checks, unchecked } = await checker.check(
      [
        {
          source: 'pact-broker',
          document: mockFile('processing-validation.v4.pact.json', 'pact'),
        },
      ],
      at,
    );
    expect(checks).toEqual([
      expect.objectContaining({ operation: 'GET /rules', valid: true }),
    ]);
    expect(unchecked).toBe(1);
  });

  it('checks message pacts against AsyncAPI payloads, by the channel named or the best fit', async () => {
    const checker = new MockChecker(currentSpec('transaction-events'));
    const { checks } = await checker.check(
      [
        {
          source: 'mock-files',
          document: mockFile('legacy-transaction-events.pact.json', 'pact'),
        },
      ],
      at,
    );
    expect(checks).toEqual([
      expect.objectContaining({
        operation: 'subscribe transactions.booked',
        valid: false,
        problems: [
          'message has field `accountId`, the current spec requires `accountRef`',
        ],
        madeFromVersion: '1.0.0',
      }),
      expect.objectContaining({
        operation: 'subscribe transactions.settled',
        valid: true,
      }),
    ]);
  });

  it('turns documents that are not what they claim into invalid mocks with the reason', async () => {
    const checker = new MockChecker(currentSpec('transaction-intake-api'));
    const { checks } = await checker.check(
      [
        {
          source: 'ci',
          document: { name: 'a.json', format: 'wiremock', content: [1, 2] },
        },
        {
          source: 'ci',
          document: {
            name: 'b.json',
            format: 'pact',
            content: { consumer: {} },
          },
        },
        {
          source: 'ci',
          document: {
            name: 'c.json',
            format: 'wiremock',
            content: {
              request: {
                method: 'POST',
                url: '/transactions',
                bodyPatterns: [{ equalToJson: '{oops' }],
              },
              response: {},
            },
          },
        },
      ],
      at,
    );
    expect(checks.map(c => [c.name, c.valid, c.problems[0]])).toEqual([
      [
        'a.json',
        false,
        expect.stringContaining(
          'not a readable WireMock mapping: it is neither a mapping',
        ),
      ],
      [
        'b.json',
        false,
        expect.stringContaining('not a readable pact: it has neither'),
      ],
      [
        'c.json#mapping 1',
        false,
        expect.stringContaining('equalToJson body is not JSON'),
      ],
    ]);
  });

  it('refuses a spec it cannot check against instead of blaming the mocks', () => {
    expect(
      () => new MockChecker({ format: 'graphql', document: undefined }),
    ).toThrow(SpecNotCheckableError);
    expect(
      () =>
        new MockChecker({
          format: 'openapi-3.0',
          document: { swagger: '1.2', apis: 'all' },
          version: '9',
        }),
    ).toThrow(/cannot be checked against/);
  });

  it('requires a read-only property in responses only: a request without it is valid, one without another required property is not', async () => {
    const spec = loadSpec(`
openapi: 3.0.3
info: { title: Widgets, version: 1.0.0 }
paths:
  /widgets:
    post:
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Widget' }
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Widget' }
components:
  schemas:
    Id: { type: string, readOnly: true }
    Widget:
      type: object
      required: [id, createdAt, name]
      properties:
        id: { $ref: '#/components/schemas/Id' }
        createdAt: { type: string, format: date-time, readOnly: true }
        name: { type: string }
`);
    const post = (name: string, body: unknown) => ({
      name,
      request: {
        method: 'POST',
        urlPath: '/widgets',
        headers: { 'Content-Type': { equalTo: 'application/json' } },
        bodyPatterns: [{ equalToJson: body }],
      },
      response: {
        status: 201,
        headers: { 'Content-Type': 'application/json' },
        jsonBody: { id: 'w1', createdAt: '2026-12-03T10:00:00Z', name: 'Cog' },
      },
    });
    const { checks } = await new MockChecker(spec).check(
      [
        {
          source: 'mock-files',
          document: {
            name: 'widgets.json',
            format: 'wiremock',
            content: {
              mappings: [
                post('as clients send it', { name: 'Cog' }),
                post('without its name', {}),
              ],
            },
          },
        },
      ],
      at,
    );
    const byName = Object.fromEntries(
      checks.map(c => [c.name.split('#')[1], c]),
    );
    expect(byName['as clients send it']).toMatchObject({
      valid: true,
      problems: [],
    });
    expect(byName['without its name'].valid).toBe(false);
    expect(byName['without its name'].problems.join(' ')).toContain('name');
  });
});
