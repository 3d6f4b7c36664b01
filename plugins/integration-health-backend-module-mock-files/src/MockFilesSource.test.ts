import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
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
    // The whole fixture folder also holds a file that is not JSON.
    expect(found.errors).toEqual([
      expect.stringMatching(
        /^component:default\/account-management-legacy: broken\/transaction-intake\/not-json.json is not JSON .*; its earlier mocks are kept$/,
      ),
    ]);
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
    });
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

  it('reads a url: location through the URL reader, and reports one that answers garbage', async () => {
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
    const bad = await collect(make('https://git.example.com/legacy/bad.json'));
    expect(bad.errors).toEqual([
      expect.stringContaining('bad.json is not JSON'),
    ]);
  });
});
