import { Knex } from 'knex';
import knexFactory from 'knex';

export type Engine = 'sqlite' | 'pg';

/**
 * The backend's database config: each plugin its own in-memory SQLite
 * database, or its own PostgreSQL database (named with a prefix unique to
 * this run, dropped afterwards) on the cluster that
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING names.
 */
export function databaseConfig(engine: Engine) {
  if (engine === 'sqlite') {
    return {
      config: { client: 'better-sqlite3', connection: ':memory:' },
      drop: async () => {},
    };
  }
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!url) {
    throw new Error(
      'PostgreSQL runs need BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
    );
  }
  const prefix = `bench_${process.pid}_`;
  return {
    config: { client: 'pg', connection: url, prefix },
    drop: async () => {
      const admin: Knex = knexFactory({ client: 'pg', connection: url });
      try {
        const { rows } = await admin.raw(
          'SELECT datname FROM pg_database WHERE datname LIKE ?',
          [`${prefix}%`],
        );
        for (const { datname } of rows) {
          await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
        }
      } finally {
        await admin.destroy();
      }
    },
  };
}

/** The config a production backend with both evidence sources would have. */
export function backendConfig(options: {
  engine: Engine;
  database: object;
  brokerUrl: string;
  mockRoot: string;
}) {
  return {
    backend: { database: options.database },
    catalog: {
      // Organisations allow the kinds they keep in their catalog.
      rules: [
        {
          allow: [
            'Component',
            'API',
            'Resource',
            'Group',
            'User',
            'System',
            'Domain',
            'Location',
          ],
        },
      ],
    },
    integrationHealth: {
      sync: {
        pageSize: 500,
        // The catalog module that announces changes is not installed: the
        // benchmark announces one change itself, synced as soon as it comes.
        catalogEvents: { enabled: true, coalesceSeconds: 0 },
      },
      evidence: {
        pactBroker: { baseUrl: options.brokerUrl },
        mockFiles: { allowedDirectories: [options.mockRoot] },
      },
    },
  };
}
