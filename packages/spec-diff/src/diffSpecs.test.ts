import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diffSpecs } from './diffSpecs';
import { SpecInputError } from './errors';

const examples = path.resolve(__dirname, '../../../examples/apis');
const read = (file: string) =>
  fs.readFileSync(path.join(examples, file), 'utf8');
/** The definition the catalog serves today, from the entity file. */
function current(api: string): string {
  const { parse } = require('yaml');
  return parse(read(`${api}/api.yaml`)).spec.definition;
}

function openapi(paths: object, extra: object = {}) {
  return {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths,
    ...extra,
  };
}

describe('diffSpecs', () => {
  it('finds the event-schema change that left payments pending, with a stable fingerprint', async () => {
    const base = read('transaction-events/1.0.0.yaml');
    const revision = current('transaction-events');

    const result = await diffSpecs(base, revision);

    expect(result.format).toBe('asyncapi-2');
    const breaking = result.findings.filter(f => f.level === 'breaking');
    expect(breaking).toEqual([
      expect.objectContaining({
        id: 'response-required-property-removed',
        location: 'channel transactions.booked (subscribe)',
        pointer: '/components/schemas/TransactionBooked',
        message:
          "message TransactionBooked payload property 'accountId': required property removed: clients reading `accountId` find it missing",
      }),
    ]);
    expect(result.summary).toMatchObject({ breaking: 1, unclassified: 0 });
    const again = await diffSpecs(base, revision);
    expect(again.findings.map(f => f.fingerprint)).toEqual(
      result.findings.map(f => f.fingerprint),
    );
  });

  it('reports nothing for identical documents', async () => {
    const spec = read('transaction-intake-api/1.0.0.yaml');
    expect((await diffSpecs(spec, spec)).findings).toEqual([]);
  });

  it('reports a deprecation with its sunset date, and a removal before that date as breaking', async () => {
    const deprecated = await diffSpecs(
      read('account-api/1.0.0.yaml'),
      current('account-api'),
    );
    expect(deprecated.findings).toContainEqual(
      expect.objectContaining({
        id: 'endpoint-deprecated-with-sunset',
        location: 'POST /accounts/{accountId}/postings',
        sunset: '2027-01-15',
      }),
    );

    const { parse } = require('yaml');
    const withoutPostings = parse(current('account-api'));
    delete withoutPostings.paths['/accounts/{accountId}/postings'];
    const early = await diffSpecs(current('account-api'), withoutPostings, {
      today: new Date('2026-11-21'),
    });
    expect(early.findings).toContainEqual(
      expect.objectContaining({
        id: 'api-path-removed-before-sunset',
        level: 'breaking',
        sunset: '2027-01-15',
      }),
    );
    const late = await diffSpecs(current('account-api'), withoutPostings, {
      today: new Date('2027-02-01'),
    });
    expect(late.findings).toContainEqual(
      expect.objectContaining({
        id: 'api-path-removed-with-deprecation',
        level: 'info',
      }),
    );
  });

  it('classifies request and response changes by direction', async () => {
    const schema = (extra: object) => ({
      type: 'object',
      properties: { amount: { type: 'integer', ...extra } },
    });
    const op = (requestSchema: object, responseSchema: object) => ({
      '/pay': {
        post: {
          requestBody: {
            content: { 'application/json': { schema: requestSchema } },
          },
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: responseSchema } },
            },
          },
        },
      },
    });
    const result = await diffSpecs(
      openapi(op(schema({ maximum: 100 }), schema({ maximum: 100 }))),
      openapi(op(schema({ maximum: 50 }), schema({ maximum: 200 }))),
    );
    expect(result.findings.map(f => [f.id, f.level])).toEqual([
      ['request-property-max-decreased', 'breaking'],
      ['response-property-max-increased', 'breaking'],
      // info.version is the same in both
      ['api-version-not-bumped', 'info'],
    ]);
  });

  it('reads OpenAPI 3.1 schemas: type lists and JSON Schema 2020-12 keywords', async () => {
    const spec = (schema: object) => ({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/orders': {
          post: {
            requestBody: { content: { 'application/json': { schema } } },
            responses: { '204': { description: 'done' } },
          },
        },
      },
    });
    const result = await diffSpecs(
      spec({ type: ['string', 'integer'] }),
      spec({
        type: ['string'],
        if: { properties: { kind: { const: 'gift' } } },
        then: { required: ['note'] },
      }),
    );
    expect(result.format).toBe('openapi-3.1');
    expect(result.findings.map(f => [f.id, f.level])).toEqual([
      ['request-body-list-of-types-narrowed', 'breaking'],
      ['request-body-type-changed', 'breaking'],
      ['request-body-if-added', 'breaking'],
      ['request-body-then-added', 'breaking'],
      ['api-version-not-bumped', 'info'],
    ]);
  });

  it('upgrades Swagger 2.0 before comparing', async () => {
    const swagger = (params: object[]) => ({
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: {
        '/pets': {
          get: {
            parameters: params,
            responses: {
              '200': {
                description: 'ok',
                schema: { type: 'array', items: { $ref: '#/definitions/Pet' } },
              },
            },
          },
        },
      },
      definitions: {
        Pet: { type: 'object', properties: { name: { type: 'string' } } },
      },
    });
    const result = await diffSpecs(
      swagger([{ name: 'limit', in: 'query', type: 'integer' }]),
      swagger([
        { name: 'limit', in: 'query', type: 'integer', required: true },
      ]),
    );
    expect(result.format).toBe('openapi-2.0');
    expect(result.findings).toEqual([
      expect.objectContaining({
        id: 'request-parameter-became-required',
        level: 'breaking',
        location: 'GET /pets',
      }),
      expect.objectContaining({ id: 'api-version-not-bumped', level: 'info' }),
    ]);
  });
});

describe('diffSpecs with hostile and broken input', () => {
  const responseWith = (schema: object) =>
    openapi({
      '/a': {
        get: {
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema } },
            },
          },
        },
      },
    });

  it('never fetches a remote $ref: it reports it as unresolved', async () => {
    const remote = responseWith({
      $ref: 'https://example.com/schemas/pet.json',
    });
    const result = await diffSpecs(remote, remote);
    expect(result.findings).toEqual([
      expect.objectContaining({
        id: 'spec-ref-unresolved',
        level: 'warning',
        message: expect.stringContaining('remote references are never fetched'),
      }),
    ]);
  });

  it("never reads a file outside the spec's own folder", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-diff-'));
    const specDir = path.join(root, 'spec');
    fs.mkdirSync(specDir);
    fs.writeFileSync(
      path.join(root, 'secret.yaml'),
      'type: object\nproperties: { token: { type: string } }\n',
    );
    fs.writeFileSync(
      path.join(specDir, 'pet.yaml'),
      'type: object\nproperties: { name: { type: string } }\n',
    );

    const outside = responseWith({ $ref: '../secret.yaml' });
    const inside = responseWith({ $ref: './pet.yaml' });
    const result = await diffSpecs(inside, outside, { baseDir: specDir });

    expect(result.findings).toContainEqual(
      expect.objectContaining({
        id: 'spec-ref-unresolved',
        message: expect.stringContaining("outside the spec's own folder"),
      }),
    );
    expect(JSON.stringify(result.findings)).not.toContain('token');
  });

  it('follows a relative file $ref inside the folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-diff-'));
    fs.writeFileSync(
      path.join(dir, 'v1.yaml'),
      'type: object\nrequired: [name]\nproperties: { name: { type: string } }\n',
    );
    fs.writeFileSync(
      path.join(dir, 'v2.yaml'),
      'type: object\nproperties: { name: { type: string } }\n',
    );
    const result = await diffSpecs(
      responseWith({ $ref: 'v1.yaml' }),
      responseWith({ $ref: 'v2.yaml' }),
      { baseDir: dir },
    );
    expect(result.findings).toContainEqual(
      expect.objectContaining({
        id: 'response-property-became-optional',
        level: 'breaking',
      }),
    );
  });

  it('survives cyclic $refs and reference loops', async () => {
    const tree = (extra: object) =>
      openapi(
        {
          '/tree': {
            get: {
              responses: {
                '200': {
                  description: 'ok',
                  content: {
                    'application/json': {
                      schema: { $ref: '#/components/schemas/Node' },
                    },
                  },
                },
              },
            },
          },
        },
        {
          components: {
            schemas: {
              Node: {
                type: 'object',
                properties: {
                  children: {
                    type: 'array',
                    items: { $ref: '#/components/schemas/Node' },
                  },
                  ...extra,
                },
              },
              LoopA: { $ref: '#/components/schemas/LoopB' },
              LoopB: { $ref: '#/components/schemas/LoopA' },
            },
          },
        },
      );
    const result = await diffSpecs(
      tree({}),
      tree({ label: { type: 'string' } }),
    );
    expect(result.findings).toEqual([
      expect.objectContaining({
        id: 'response-optional-property-added',
        message: expect.stringContaining("'label'"),
      }),
    ]);
    const loop = responseWith({ $ref: '#/components/schemas/LoopA' });
    const withLoop = {
      ...loop,
      components: {
        schemas: {
          LoopA: { $ref: '#/components/schemas/LoopB' },
          LoopB: { $ref: '#/components/schemas/LoopA' },
        },
      },
    };
    const looped = await diffSpecs(withLoop, withLoop);
    expect(looped.findings).toEqual([
      expect.objectContaining({
        id: 'spec-ref-unresolved',
        message: expect.stringContaining('loops'),
      }),
    ]);
  });

  it('refuses a document over the size limit', async () => {
    const big = `openapi: 3.0.0\ninfo: { title: t, version: '1' }\npaths: {}\nx-padding: "${'x'.repeat(
      5000,
    )}"\n`;
    await expect(
      diffSpecs(big, big, { maxDocumentBytes: 1000 }),
    ).rejects.toMatchObject({
      name: 'SpecInputError',
      code: 'too-large',
      location: { which: 'base' },
    });
  });

  it('refuses a YAML alias bomb', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = `openapi: 3.0.0\ninfo: { title: t, version: '1' }\npaths: {}\n${lines.join(
      '\n',
    )}\n`;
    await expect(diffSpecs(bomb, bomb)).rejects.toMatchObject({
      code: 'too-many-aliases',
    });
  });

  it('turns invalid YAML into a typed error with its line', async () => {
    const broken =
      'openapi: 3.0.0\ninfo:\n  title: "unterminated\n  version: 1\npaths: {}\n';
    const error = await diffSpecs(broken, broken).catch(e => e);
    expect(error).toBeInstanceOf(SpecInputError);
    expect(error.code).toBe('syntax');
    expect(error.location.line).toBeGreaterThan(1);
    expect(error.describe()).toMatch(/^base line \d+/);
  });

  it('refuses documents that are not specs, or not the same kind', async () => {
    await expect(
      diffSpecs('just: a list', 'just: a list'),
    ).rejects.toMatchObject({ code: 'unknown-format' });
    await expect(
      diffSpecs(openapi({}), { asyncapi: '2.6.0', info: {}, channels: {} }),
    ).rejects.toMatchObject({
      code: 'format-mismatch',
    });
    await expect(
      diffSpecs('type Query { a: String }', openapi({})),
    ).rejects.toMatchObject({ code: 'format-mismatch' });
    await expect(
      diffSpecs('type Query { a: }', 'type Query { a: String }'),
    ).rejects.toMatchObject({
      code: 'invalid-document',
      location: { which: 'base', line: 1 },
    });
  });
});
