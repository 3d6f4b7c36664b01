// One backend replica in its own process, for the replicas test: the plugin
// with the real scheduler on the shared database named by REPLICA_DATABASE
// (a knex connection object as JSON), and a catalog slowed so that a sync
// outlasts the task cadence. Prints its port, then one line per catalog read.
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory from 'knex';
import { integrationHealthPlugin } from '../plugin';
import { paymentsCatalog } from '../testUtils/entities';

const slowCatalog = createServiceFactory({
  service: catalogServiceRef,
  deps: {},
  factory() {
    const catalog = catalogServiceMock({ entities: paymentsCatalog() });
    const queryEntities = catalog.queryEntities.bind(catalog);
    catalog.queryEntities = async (req, options) => {
      process.stdout.write('catalog-read\n');
      await new Promise(resolve => setTimeout(resolve, 350));
      return queryEntities(req, options);
    };
    return catalog;
  },
});

async function main() {
  const knex = knexFactory({
    client: 'pg',
    connection: JSON.parse(process.env.REPLICA_DATABASE!),
  });
  const backend = await startTestBackend({
    features: [
      integrationHealthPlugin,
      slowCatalog,
      schedulerServiceFactory,
      mockServices.database.factory({ knex }),
      mockServices.rootLogger.factory({ level: 'error' }),
      mockServices.rootConfig.factory({
        data: {
          integrationHealth: {
            sync: {
              schedule: {
                frequency: { seconds: 1 },
                timeout: { seconds: 30 },
              },
            },
          },
        },
      }),
    ],
  });
  process.stdout.write(
    `listening ${(backend.server.address() as { port: number }).port}\n`,
  );
  process.on('SIGTERM', async () => {
    await backend.stop();
    await knex.destroy();
    process.exit(0);
  });
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
