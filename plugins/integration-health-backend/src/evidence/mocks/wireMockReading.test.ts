import { loadSpec } from '@integration-health/spec-diff';
import { MockCheck } from '@integration-health/plugin-integration-health-common';
import { MockDocument } from '@integration-health/plugin-integration-health-node';
import fs from 'node:fs';
import path from 'node:path';
import { MockChecker } from './checkMocks';
import { readWireMock } from './readWireMock';

// Team-written specs and mappings shaped like WireMock's recorder output,
// its users' hand-written stubs and its own test mappings.
const fixtures = path.resolve(__dirname, '__fixtures__/wiremock-real');
const at = '2026-12-03T10:00:00.000Z';

const read = (file: string) =>
  fs.readFileSync(path.join(fixtures, file), 'utf8');

const checkerFor = (spec: string) => new MockChecker(loadSpec(read(spec)));

const wiremock = (file: string, text = false): MockDocument => ({
  name: path.basename(file),
  format: 'wiremock',
  content: text ? read(file) : JSON.parse(read(file)),
});

async function check(spec: string, ...documents: MockDocument[]) {
  const { checks, unchecked } = await checkerFor(spec).check(
    documents.map(document => ({ source: 'mock-files', document })),
    at,
  );
  const byName: Record<string, MockCheck> = Object.fromEntries(
    checks.map(c => [c.name.split('#')[1] ?? c.name, c]),
  );
  return { checks, byName, unchecked };
}

const valid = (operation: string) =>
  expect.objectContaining({ operation, valid: true, problems: [] });

describe('WireMock mappings as real teams write them', () => {
  it('judges a urlPathTemplate by its pathParameters: equalTo values are checked, patterns leave the value unchecked and the rest of the request checked', async () => {
    const { byName } = await check(
      'users/users-api.yaml',
      wiremock('users/templates.json'),
    );
    expect(byName['one user by id']).toEqual(valid('GET /users/{id}'));
    expect(byName['any user']).toEqual(valid('GET /users/{id}'));
    expect(byName['any user, whatever the id']).toEqual(
      valid('GET /users/{id}'),
    );
    expect(byName['update any user']).toMatchObject({
      operation: 'PUT /users/{id}',
      valid: false,
      problems: ['request body lacks `role`, which the current spec requires'],
    });
    expect(byName['user by name']).toMatchObject({
      operation: 'GET /users/{id}',
      valid: false,
      problems: [
        'Path values (id = "alice") do not match the path parameters of GET /users/{id} in the current spec',
      ],
    });
  });

  it('judges what partial matchers pin down and leaves the rest unchecked, not invalid', async () => {
    const { byName } = await check(
      'users/users-api.yaml',
      wiremock('users/partial.json'),
    );
    // Query values under matches/contains/doesNotMatch and a header under
    // matches are unknown: no enum, pattern or required check fails on them.
    expect(byName['search users by pattern']).toEqual(valid('GET /users'));
    // equalToJson with ignoreExtraElements: the request may hold more fields.
    expect(byName['create, extra elements ignored']).toEqual(
      valid('POST /users'),
    );
    // ...but the fields it names are judged.
    expect(
      byName['create with a field the spec does not define'],
    ).toMatchObject({
      valid: false,
      problems: [
        'request body has field `nickname` that the current spec does not define',
      ],
    });
    expect(byName['create, matched by JSON path']).toEqual(
      valid('POST /users'),
    );
    expect(byName['create, matched by schema']).toEqual(valid('POST /users'));
    expect(byName['create with placeholders']).toEqual(valid('POST /users'));
  });

  it('checks urlPathPattern and urlPattern that are plain paths like urlPath, and counts real regular expressions as unchecked', async () => {
    const { byName, unchecked } = await check(
      'users/users-api.yaml',
      wiremock('users/patterns.json'),
    );
    expect(unchecked).toBe(2);
    expect(byName['any numeric user']).toBeUndefined();
    expect(byName['active users, by path pattern']).toEqual(
      valid('GET /users'),
    );
    expect(byName['me, by anchored pattern']).toEqual(valid('GET /users/me'));
    expect(byName['create, by path pattern']).toMatchObject({
      operation: 'POST /users',
      valid: false,
      problems: [
        'request body lacks `email`, `role`, which the current spec requires',
      ],
    });
  });

  it('reads recorder output: a second ? stays in the query, bodies WireMock keeps elsewhere are unchecked, a status that is not a number is an unreadable mock', async () => {
    const { byName } = await check(
      'users/users-api.yaml',
      wiremock('users/recorded.json'),
    );
    expect(byName.users_active_page2).toEqual(valid('GET /users'));
    expect(byName.users_return_to_team_tab).toEqual(valid('GET /users'));
    expect(byName.users_7_avatar).toEqual(valid('GET /users/{id}/avatar'));
    expect(byName.users_8).toEqual(valid('GET /users/{id}'));
    expect(byName.users_9_hand_edited).toMatchObject({
      operation: 'unreadable',
      valid: false,
      problems: ['its response status "OK" is not an HTTP status code'],
    });
  });

  it('reads a mapping file with comments, and makes a file that is not JSON one unreadable mock', async () => {
    const { checks } = await check(
      'users/users-api.yaml',
      wiremock('users/commented.json', true),
      {
        name: 'half-edited.json',
        format: 'wiremock',
        content: '{ "request": { "method": "GET", ',
      },
    );
    expect(checks).toEqual([
      expect.objectContaining({
        name: 'commented.json#mapping 1',
        operation: 'POST /users',
        valid: true,
      }),
      expect.objectContaining({
        name: 'half-edited.json',
        operation: 'unreadable',
        valid: false,
        problems: [
          expect.stringMatching(
            /^not a readable WireMock mapping: it is not JSON \(.+\)$/,
          ),
        ],
      }),
    ]);
  });

  it('names and judges a mock by the path below the server base path', async () => {
    const quotes = await check(
      'forex-quotes/forex-quotes-api.yaml',
      wiremock('forex-quotes/quotes.json'),
    );
    expect(quotes.byName.symbols).toEqual(valid('GET /symbols'));
    expect(quotes.byName['a quote for any pair']).toEqual(
      valid('GET /quotes/{pair}'),
    );
    expect(quotes.byName['a quote with a mid price']).toMatchObject({
      operation: 'GET /quotes/{pair}',
      valid: false,
      problems: [
        'response body has field `mid` that the current spec does not define',
      ],
    });
    const pets = await check(
      'forex-quotes/pets-swagger.yaml',
      wiremock('forex-quotes/pets.json'),
    );
    expect(pets.byName['pet 1 with the base path']).toEqual(
      valid('GET /pets/{petId}'),
    );
    expect(pets.byName['pet 2 without it']).toEqual(valid('GET /pets/{petId}'));
  });

  it('keeps text bodies as text unless they are JSON', () => {
    const { interactions } = readWireMock(
      {
        mappings: [
          {
            request: { method: 'GET', url: '/health' },
            response: {
              status: '200',
              headers: { 'Content-Type': 'text/plain' },
              body: '12345',
            },
          },
          {
            request: {
              method: 'POST',
              url: '/notes',
              bodyPatterns: [{ equalTo: '[1, 2]' }],
              headers: { 'Content-Type': { equalTo: 'text/csv' } },
            },
            response: { status: 200, body: '{"ok": true}' },
          },
        ],
      },
      { name: 'text.json' },
    );
    expect(
      interactions.map(i =>
        i.kind === 'http' ? [i.request.body, i.response] : [],
      ),
    ).toEqual([
      [
        undefined,
        {
          status: 200,
          headers: { 'Content-Type': 'text/plain' },
          body: '12345',
        },
      ],
      ['[1, 2]', { status: 200, body: { ok: true } }],
    ]);
  });

  it('reads a urlPathTemplate of 200 KB of unclosed braces in linear time', async () => {
    const mapping = (urlPathTemplate: string) => ({
      request: {
        method: 'GET',
        urlPathTemplate,
        pathParameters: { id: { equalTo: '1' }, p7: { matches: '.*' } },
      },
      response: { status: 200 },
    });
    const started = process.hrtime.bigint();
    const { checks } = await check(
      'users/users-api.yaml',
      {
        name: 'braces.json',
        format: 'wiremock',
        content: mapping(`/users/${'{'.repeat(200_000)}`),
      },
      {
        name: 'many-parameters.json',
        format: 'wiremock',
        content: mapping(
          `/users/${Array.from({ length: 30_000 }, (_, i) => `{p${i}}`).join(
            '',
          )}`,
        ),
      },
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(checks).toEqual([
      expect.objectContaining({ valid: false }),
      expect.objectContaining({ valid: false }),
    ]);
    expect(ms).toBeLessThan(2000);
  });

  it('reads pathParameters values as the URL text WireMock compares: an encoded value is not encoded again', () => {
    const mapping = (equalTo: string) => ({
      request: {
        method: 'GET',
        urlPathTemplate: '/owners/{name}',
        pathParameters: { name: { equalTo } },
      },
      response: { status: 200 },
    });
    const { interactions } = readWireMock(
      {
        mappings: [mapping('Mary%20Ann'), mapping('Mary Ann'), mapping('a:b')],
      },
      { name: 'owners.json' },
    );
    expect(
      interactions.map(i => (i.kind === 'http' ? i.request.path : '')),
    ).toEqual(['/owners/Mary%20Ann', '/owners/Mary%20Ann', '/owners/a:b']);
  });
});
