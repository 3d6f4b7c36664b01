import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockFilesSource } from './MockFilesSource';

// The backend's mock fixtures: a consumer's mock folder as it is laid out.
const fixtures = path.resolve(
  __dirname,
  '../../integration-health-backend/src/evidence/mocks/__fixtures__',
);

const component = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': `file:${path.join(
        fixtures,
        'catalog-info.yaml',
      )}`,
      ...annotations,
    },
  },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

const gatewayToIntake = {
  consumerRef: 'component:default/api-gateway',
  providerRef: 'component:default/transaction-intake',
  apiRef: 'api:default/transaction-intake-api',
};
const legacyToProcessing = {
  consumerRef: 'component:default/account-management-legacy',
  providerRef: 'component:default/transaction-processing',
  apiRef: 'api:default/transaction-events',
};

function source(entities: Entity[], allowed = [fixtures]) {
  return new MockFilesSource({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    urlReader: mockServices.urlReader.mock(),
    allowedDirectories: allowed,
    limits: { maxFiles: 50, maxDepth: 3, maxFileBytes: 100_000 },
  });
}

const collect = (s: MockFilesSource) =>
  s.collect({
    integrations: [gatewayToIntake, legacyToProcessing],
    signal: new AbortController().signal,
  });

describe('MockFilesSource', () => {
  it('reads the mocks a consumer declares and gives each to the integration with the provider it names', async () => {
    const found = await collect(
      source([
        component('api-gateway', {
          'integration-health.io/mocks': 'dir:./gateway',
        }),
        // The pact calls the provider by its pacticipant name.
        component('account-management-legacy', {
          'integration-health.io/mocks': 'dir:.',
        }),
        component('transaction-processing'),
        component('transaction-intake'),
      ]),
    );
    // The whole fixture folder also holds a file that is not JSON: it costs
    // only itself, handed on as its text (an unreadable mock), and the
    // consumer's readable mocks are used.
    expect(found.errors).toEqual([]);
    expect(found.mocks).toEqual([
      {
        subject: gatewayToIntake,
        documents: [
          expect.objectContaining({
            name: 'transaction-intake/lookups.json',
            format: 'wiremock',
          }),
          expect.objectContaining({
            name: 'transaction-intake/submit-transaction.json',
            format: 'wiremock',
          }),
        ],
      },
      {
        subject: legacyToProcessing,
        documents: [
          {
            name: 'broken/transaction-intake/not-json.json',
            format: 'wiremock',
            content: expect.stringContaining('"url": "/transactions"'),
            url: undefined,
          },
          expect.objectContaining({
            name: 'legacy-transaction-events.pact.json',
            format: 'pact',
          }),
        ],
      },
    ]);
  });

  it('matches pacts by pacticipant annotation and gives an integration with no files no mocks', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mocks-'));
    fs.copyFileSync(
      path.join(fixtures, 'legacy-transaction-events.pact.json'),
      path.join(dir, 'events.json'),
    );
    const found = await collect(
      source(
        [
          {
            ...component('account-management-legacy', {
              'integration-health.io/mocks': `dir:${dir}`,
            }),
          },
          component('transaction-processing', {
            'integration-health.io/pact-pacticipant': 'transaction-processing',
          }),
        ],
        [dir],
      ),
    );
    expect(found).toEqual({
      errors: [],
      mocks: [
        {
          subject: legacyToProcessing,
          documents: [
            expect.objectContaining({ name: 'events.json', format: 'pact' }),
          ],
        },
      ],
      partial: false,
      cursor: expect.any(String),
    });
  });

  it('reads mapping files with comments, and lets a file that is not JSON cost only itself', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mocks-'));
    fs.mkdirSync(path.join(dir, 'transaction-intake'));
    fs.writeFileSync(
      path.join(dir, 'transaction-intake', 'commented.json'),
      [
        '// Recorded against staging, then trimmed by hand',
        '{',
        '  "request": { "method": "GET", "url": "/transactions" }, /* all */',
        '  "response": { "status": 200 }',
        '}',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'transaction-intake', 'half-edited.json'),
      '{ "request": { "method": "GET", ',
    );
    fs.writeFileSync(path.join(dir, 'stray.json'), '<html>');
    const found = await collect(
      source(
        [
          component('api-gateway', {
            'integration-health.io/mocks': `dir:${dir}`,
          }),
          component('transaction-intake'),
        ],
        [dir],
      ),
    );
    expect(found.errors).toEqual([]);
    expect(found.mocks).toEqual([
      {
        subject: gatewayToIntake,
        documents: [
          expect.objectContaining({ name: 'stray.json', content: '<html>' }),
          {
            name: 'transaction-intake/commented.json',
            format: 'wiremock',
            content: {
              request: { method: 'GET', url: '/transactions' },
              response: { status: 200 },
            },
            url: undefined,
          },
          expect.objectContaining({
            name: 'transaction-intake/half-edited.json',
            format: 'wiremock',
            content: '{ "request": { "method": "GET", ',
          }),
        ],
      },
    ]);
  });

  it.each([
    [
      'a directory outside the allowed ones',
      'dir:/etc',
      /outside the directories/,
    ],
    ['a directory that does not exist', 'dir:./nowhere', /does not exist/],
    [
      'a location of no known kind',
      'git:whatever',
      /neither dir:<path> nor url:<url>/,
    ],
  ])(
    'refuses %s and keeps the earlier mocks',
    async (_what, location, message) => {
      const found = await collect(
        source([
          component('api-gateway', { 'integration-health.io/mocks': location }),
        ]),
      );
      expect(found.mocks).toEqual([]);
      expect(found.errors).toEqual([expect.stringMatching(message)]);
    },
  );

  it('refuses a symlink that leads out of the allowed directory', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mocks-'));
    fs.symlinkSync('/etc/hostname', path.join(dir, 'escape.json'));
    const found = await collect(
      source(
        [
          component('api-gateway', {
            'integration-health.io/mocks': `dir:${dir}`,
          }),
        ],
        [dir],
      ),
    );
    expect(found.errors).toEqual([
      expect.stringContaining(
        'escape.json links outside the allowed directories',
      ),
    ]);
  });

  it('follows a linked folder inside the allowed directory, and refuses one that leads out, a file under it or a pipe named like a mock', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-'));
    fs.mkdirSync(path.join(outside, 'nested'));
    fs.writeFileSync(path.join(outside, 'nested', 'secret.json'), '{}');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mocks-'));
    const read = (allowed: string) =>
      collect(
        source(
          [
            component('api-gateway', {
              'integration-health.io/mocks': `dir:${dir}`,
            }),
          ],
          [allowed],
        ),
      );

    // A link to the fixtures, which the allowed directory holds: followed.
    fs.mkdirSync(path.join(dir, 'real'));
    fs.cpSync(fixtures, path.join(dir, 'real'), { recursive: true });
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'linked'));
    const inside = await read(dir);
    expect(inside.errors).toEqual([]);
    const names = inside.mocks!.flatMap(m => m.documents.map(d => d.name));
    expect(names.filter(n => n.startsWith('linked/')).length).toBeGreaterThan(
      0,
    );
    // The allowed directory named through a link of its own: still allowed.
    fs.symlinkSync(dir, `${dir}-alias`);
    expect((await read(`${dir}-alias`)).errors).toEqual([]);

    // A link to a folder outside: refused, though what is under it is a plain file.
    fs.symlinkSync(outside, path.join(dir, 'zz-escape'));
    expect((await read(dir)).errors).toEqual([
      expect.stringContaining(
        'zz-escape links outside the allowed directories',
      ),
    ]);
    fs.unlinkSync(path.join(dir, 'zz-escape'));

    // A named pipe would block a read forever: a clear error instead.
    execFileSync('mkfifo', [path.join(dir, 'zz-pipe.json')]);
    expect((await read(dir)).errors).toEqual([
      expect.stringContaining('zz-pipe.json is not a regular file'),
    ]);
  });

  it('reads a url: location through the URL reader, and hands on one that answers garbage as an unreadable mock', async () => {
    const urlReader = mockServices.urlReader.mock();
    const pact = fs.readFileSync(
      path.join(fixtures, 'legacy-transaction-events.pact.json'),
    );
    urlReader.readUrl.mockImplementation(
      async (url: string) =>
        ({
          buffer: async () =>
            url.endsWith('good.json') ? pact : Buffer.from('<html>oops</html>'),
        } as any),
    );
    const make = (url: string) =>
      new MockFilesSource({
        catalog: catalogServiceMock({
          entities: [
            component('account-management-legacy', {
              'integration-health.io/mocks': `url:${url}`,
            }),
          ],
        }),
        auth: mockServices.auth(),
        urlReader,
        allowedDirectories: [],
        limits: { maxFiles: 50, maxDepth: 3, maxFileBytes: 100_000 },
      });
    const good = await collect(
      make('https://git.example.com/legacy/good.json'),
    );
    expect(good.mocks?.[0].documents).toEqual([
      expect.objectContaining({
        name: 'https://git.example.com/legacy/good.json',
        format: 'pact',
      }),
    ]);
    // A URL that answers something else is one unreadable mock of that URL.
    const bad = await collect(make('https://git.example.com/legacy/bad.json'));
    expect(bad.errors).toEqual([]);
    expect(bad.mocks?.[0].documents).toEqual([
      {
        name: 'https://git.example.com/legacy/bad.json',
        url: 'https://git.example.com/legacy/bad.json',
        format: 'wiremock',
        content: '<html>oops</html>',
      },
    ]);
  });

  it('reads between syncs only the consumers whose files changed, says when their files are gone, and reads everything once a consumer is gone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mocks-'));
    const file = path.join(dir, 'events.json');
    fs.copyFileSync(
      path.join(fixtures, 'legacy-transaction-events.pact.json'),
      file,
    );
    const legacy = component('account-management-legacy', {
      'integration-health.io/mocks': `dir:${dir}`,
    });
    const gateway = component('api-gateway', {
      'integration-health.io/mocks': 'dir:./gateway',
    });
    const after = (cursor: string | undefined, entities = [legacy, gateway]) =>
      source(entities, [dir, fixtures]).collect({
        integrations: [gatewayToIntake, legacyToProcessing],
        signal: new AbortController().signal,
        cursor,
      });
    const first = await after(undefined);
    expect(first.partial).toBe(false);
    expect(first.mocks?.map(m => m.subject)).toEqual([
      legacyToProcessing,
      gatewayToIntake,
    ]);

    const unchanged = await after(first.cursor);
    expect(unchanged).toMatchObject({ partial: true, mocks: [], errors: [] });

    // The consumer's pact gains an interaction: only that consumer is read.
    const pact = JSON.parse(fs.readFileSync(file, 'utf8'));
    pact.messages.push({ ...pact.messages[0], description: 'another event' });
    fs.writeFileSync(file, JSON.stringify(pact));
    const edited = await after(unchanged.cursor);
    expect(edited.partial).toBe(true);
    expect(edited.mocks).toEqual([
      {
        subject: legacyToProcessing,
        documents: [
          expect.objectContaining({
            content: expect.objectContaining({
              messages: expect.arrayContaining([
                expect.objectContaining({ description: 'another event' }),
              ]),
            }),
          }),
        ],
      },
    ]);

    // Its file deleted: the integration is said to have no mocks now.
    fs.rmSync(file);
    const deleted = await after(edited.cursor);
    expect(deleted.mocks).toEqual([
      { subject: legacyToProcessing, documents: [] },
    ]);

    // The gateway no longer declares mocks: a complete answer, so its go.
    const gone = await after(deleted.cursor, [legacy]);
    expect(gone.partial).toBe(false);
    expect(gone.mocks).toEqual([
      { subject: legacyToProcessing, documents: [] },
    ]);
  });

  it('asks the URL reader with the ETag it gave, and reads nothing more when it answers not modified', async () => {
    const urlReader = mockServices.urlReader.mock();
    const pact = fs.readFileSync(
      path.join(fixtures, 'legacy-transaction-events.pact.json'),
    );
    urlReader.readUrl.mockImplementation(async (_url, options) => {
      if (options?.etag === 'e1') {
        throw Object.assign(new Error('not modified'), {
          name: 'NotModifiedError',
        });
      }
      return { etag: 'e1', buffer: async () => pact } as any;
    });
    const make = () =>
      new MockFilesSource({
        catalog: catalogServiceMock({
          entities: [
            component('account-management-legacy', {
              'integration-health.io/mocks':
                'url:https://git.example.com/legacy/pact.json',
            }),
          ],
        }),
        auth: mockServices.auth(),
        urlReader,
        allowedDirectories: [],
        limits: { maxFiles: 50, maxDepth: 3, maxFileBytes: 100_000 },
      });
    const collectAfter = (cursor?: string) =>
      make().collect({
        integrations: [gatewayToIntake, legacyToProcessing],
        signal: new AbortController().signal,
        cursor,
      });
    const first = await collectAfter();
    expect(first.mocks?.[0].documents).toHaveLength(1);
    const second = await collectAfter(first.cursor);
    expect(urlReader.readUrl).toHaveBeenLastCalledWith(
      'https://git.example.com/legacy/pact.json',
      expect.objectContaining({ etag: 'e1' }),
    );
    expect(second).toMatchObject({ partial: true, mocks: [], errors: [] });
  });
});
