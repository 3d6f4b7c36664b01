import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import { createStores } from '../database/createStores';
import { classifyMigrations } from '../specs/worker/classifyMigrations';
import { entity } from '../testUtils/entities';
import { SchemaHistoryService } from './SchemaHistoryService';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const FIXTURES = path.resolve(
  __dirname,
  '../../../../packages/migration-check/fixtures/transactions-db',
);
const DB = 'resource:default/transactions-db';
const migration = (dir: string, file: string) => ({
  id: file,
  sql: fs.readFileSync(path.join(FIXTURES, dir, file), 'utf8'),
});

describe('SchemaHistoryService', () => {
  it('files a landed breaking migration for every consumer when its dry run cannot run', async () => {
    const knex = await databases.init('SQLITE_3');
    const stores = await createStores(mockServices.database({ knex }));
    await stores.integrationStore.replaceIntegrations(
      ['component:default/validation', 'component:default/processing'].map(
        consumer => ({
          consumerRef: consumer,
          providerRef: DB,
          kind: 'database' as const,
          sources: ['dependsOn' as const],
          findings: [],
        }),
      ),
      new Date(),
    );
    const addDetectedEntry = jest.fn(async () => 'entry-1');
    const logger = mockServices.logger.mock();
    const service = new SchemaHistoryService({
      catalog: catalogServiceMock({ entities: [entity(DB)] }),
      locations: {} as any,
      store: stores.schemaStore,
      integrationStore: stores.integrationStore,
      calendar: { addDetectedEntry, get: jest.fn() },
      pool: {
        classifyMigrations,
        dryRunMigration: async () => {
          throw new Error('The job took longer than 30 s');
        },
      },
      permissions: mockServices.permissions(),
      config: {
        allowedDirectories: [],
        maxFiles: 10,
        maxFileBytes: 1_000_000,
        dryRunTimeoutMs: 1000,
        dryRunMaxMemoryMb: 256,
      },
      logger,
    });
    const history = fs
      .readdirSync(path.join(FIXTURES, 'migrations'))
      .sort()
      .map(file => migration('migrations', file));
    const ci = mockCredentials.service();
    // The first history is recorded as it is.
    expect(await service.push(DB, history, ci, new Date())).toEqual({
      added: 4,
      entries: 0,
      conflicts: [],
    });
    const rename = migration(
      'candidates',
      '202612010900_rename_account_no.sql',
    );
    expect(
      await service.push(DB, [...history, rename], ci, new Date()),
    ).toEqual({ added: 1, entries: 1, conflicts: [] });
    expect(addDetectedEntry).toHaveBeenCalledWith(
      expect.objectContaining({
        apiRef: DB,
        reachedConsumerRefs: [
          'component:default/processing',
          'component:default/validation',
        ],
      }),
      expect.any(Date),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('did not run: The job took longer than 30 s'),
    );
  });
});
