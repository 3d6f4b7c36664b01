import { diffSpecs } from './diffSpecs';
import { inspectSpec } from './inspectSpec';
import { HOSTILE_TEXTS, timed } from './__testUtils__/hostileText';

const spec = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {
    '/pets': {
      get: {
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { name: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
  },
};

describe('real-world documents', () => {
  it('compares a JSON spec that starts with a byte-order mark', async () => {
    const json = JSON.stringify(spec, null, 2);
    const result = await diffSpecs(`\uFEFF${json}`, json);
    expect(result.format).toBe('openapi-3.0');
    expect(result.findings).toEqual([]);
    expect(inspectSpec(`\uFEFF${json}`)).toEqual({
      format: 'openapi-3.0',
      version: '1',
    });
  });

  it('compares a CRLF YAML spec with the LF one as equal', async () => {
    const yaml = require('yaml').stringify(spec);
    const result = await diffSpecs(yaml.replace(/\n/g, '\r\n'), yaml);
    expect(result.findings).toEqual([]);
  });

  it('says which of two duplicate keys it read, and compares that one', async () => {
    const base = JSON.stringify(spec);
    // The revision lists the response twice; the second, which is read, lost `name`.
    const revision = base
      .replace('"200":{', '"200":{"description":"first"},"200":{')
      .replace('"properties":{"name":{"type":"string"}}', '"properties":{}');
    const result = await diffSpecs(base, revision);
    expect(result.findings.map(f => [f.id, f.level])).toEqual([
      ['response-optional-property-removed', 'warning'],
      ['spec-duplicate-key', 'warning'],
    ]);
    expect(result.findings[1]).toMatchObject({
      pointer: '/paths/~1pets/get/responses/200',
      message: expect.stringContaining('the last one (line 1) is read'),
    });
  });
});

describe("Azure's x-ms-paths", () => {
  const swagger = (paths: object, msPaths?: object) => ({
    swagger: '2.0',
    info: { title: 'jobs', version: '1' },
    paths,
    ...(msPaths ? { 'x-ms-paths': msPaths } : {}),
  });
  const op = (id: string) => ({
    operationId: id,
    responses: { '200': { description: 'ok' } },
  });

  it('reads them as paths: an operation moved there is not removed', async () => {
    const result = await diffSpecs(
      swagger({ '/jobs': { get: op('list'), post: op('cancel') } }),
      swagger(
        { '/jobs': { get: op('list') } },
        { '/jobs': { post: op('cancel') } },
      ),
    );
    expect(result.findings).toEqual([]);
  });

  it('reports an operation removed from them, at its path with the query', async () => {
    const result = await diffSpecs(
      swagger(
        { '/jobs': { get: op('list') } },
        { '/jobs?action=cancel': { post: op('cancel') } },
      ),
      swagger({ '/jobs': { get: op('list') } }),
    );
    expect(result.findings).toEqual([
      expect.objectContaining({
        id: 'api-path-removed-without-deprecation',
        level: 'breaking',
        location: 'POST /jobs?action=cancel',
        pointer: '/x-ms-paths/~1jobs?action=cancel/post',
      }),
      expect.objectContaining({ id: 'api-version-not-bumped', level: 'info' }),
    ]);
  });
});

describe('hostile text end to end', () => {
  it.each(HOSTILE_TEXTS)(
    'inspectSpec and diffSpecs answer %s within a bound',
    async (_name, text) => {
      expect(timed(() => inspectSpec(text))).toBeLessThan(1000);
      const started = Date.now();
      const answer = await diffSpecs(text, text).catch(error => error);
      expect(Date.now() - started).toBeLessThan(1000);
      // Every one of these texts is refused with a typed error.
      expect(answer).toMatchObject({ name: 'SpecInputError' });
    },
  );
});

describe('GraphQL token limit', () => {
  const sdl = (fields: number) =>
    `type Query {\n${Array.from(
      { length: fields },
      (_, i) => `  f${i}: Int`,
    ).join('\n')}\n}\n`;

  it('refuses a document over the limit as too large, naming the side and limit', async () => {
    const error = await diffSpecs(sdl(2), sdl(600), {
      maxGraphqlTokens: 1000,
    }).catch(e => e);
    expect(error).toMatchObject({
      name: 'SpecInputError',
      code: 'too-large',
      location: { which: 'revision' },
      message: expect.stringContaining('more than 1000 tokens'),
    });
  });

  it('compares documents under the limit', async () => {
    const result = await diffSpecs(sdl(3), sdl(2), { maxGraphqlTokens: 1000 });
    expect(result.findings).toEqual([
      expect.objectContaining({
        id: 'graphql-field-removed',
        level: 'breaking',
      }),
    ]);
  });

  it('has a default limit that a hostile document meets quickly', async () => {
    const huge = `type Query { ${'a: Int '.repeat(100_000)}}`;
    const started = Date.now();
    await expect(diffSpecs(huge, huge)).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('more than 250000 tokens'),
    });
    expect(Date.now() - started).toBeLessThan(1000);
    // Nesting deeper than the parser's stack is a typed error too.
    const deep = `type Query { a: ${'['.repeat(300_000)}Int }`;
    await expect(diffSpecs(deep, deep)).rejects.toMatchObject({
      name: 'SpecInputError',
      code: 'invalid-document',
    });
  });
});

describe('parsed documents given by callers', () => {
  it('compares a document whose objects refer to themselves', async () => {
    const node: any = { type: 'object', properties: {} };
    node.properties.self = node;
    const doc = (extra: object) => ({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/a': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: node, ...extra } },
              },
            },
          },
        },
      },
    });
    const result = await diffSpecs(doc({}), doc({}));
    expect(result.findings).toEqual([]);
  });
});
