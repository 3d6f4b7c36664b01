import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import net from 'node:net';
import { integrationHealthPlugin } from '../../plugins/integration-health-backend/src/plugin';
import { heldTasks } from '../../plugins/integration-health-backend/scripts/benchParts';
import { syntheticCatalog } from '../../plugins/integration-health-backend/scripts/syntheticCatalog';

/** A port free on the loopback interface right now. */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The plugin as a backend installs it, on a synthetic catalog, listening on
 * 127.0.0.1 only (the test backend's own server listens on every
 * interface, so this is a real backend with mock sign-in, catalog and
 * SQLite in memory); syncs run when the caller asks.
 */
export async function startLoopbackBackend(options: {
  components: number;
  groups: number;
}) {
  const catalog = syntheticCatalog(options);
  const port = await freeLoopbackPort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const tasks = heldTasks();
  const backend = createBackend();
  for (const feature of [
    integrationHealthPlugin,
    tasks.factory,
    catalogServiceMock.factory({ entities: catalog.entities }),
    mockServices.auth.factory(),
    mockServices.httpAuth.factory(),
    mockServices.userInfo.factory(),
    mockServices.rootLogger.factory({ level: 'none' }),
    mockServices.rootConfig.factory({
      data: {
        backend: {
          baseUrl,
          listen: { host: '127.0.0.1', port },
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
        integrationHealth: { sync: { pageSize: 500 } },
      },
    }),
  ]) {
    backend.add(feature);
  }
  await backend.start();

  return {
    catalog,
    baseUrl: `${baseUrl}/api/integration-health`,
    sync: () => tasks.run('integration-health-catalog-sync'),
    stop: () => backend.stop(),
  };
}
