// One backend replica in its own process, for the replicas test: the plugin
// with the real scheduler on the shared database named by REPLICA_DATABASE
// (a knex connection object as JSON), and a catalog slowed so that a sync
// outlasts the task cadence. Prints its port, then one line per catalog read.
//
// For the fault test: REPLICA_EVIDENCE=1 adds an evidence source (a
// verification and a mock per integration); REPLICA_PAUSE_MIDWAY=1 makes it
// print `sync-midway` and never answer, so a sync stops there with its
// integrations and spec versions written and its evidence not;
// REPLICA_SYNC_TIMEOUT_SECONDS and REPLICA_LEASE_SECONDS set the task
// timeout and the sync lease.
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory from 'knex';
import {
  EvidenceSubject,
  integrationHealthEvidenceExtensionPoint,
} from '@integration-health/plugin-integration-health-node';
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

const evidence = createBackendModule({
  pluginId: 'integration-health',
  moduleId: 'replica-evidence',
  register(env) {
    env.registerInit({
      deps: { sources: integrationHealthEvidenceExtensionPoint },
      async init({ sources }) {
        sources.addSource({
          id: 'replica-ci',
          async collect({ integrations }) {
            if (process.env.REPLICA_PAUSE_MIDWAY === '1') {
              process.stdout.write('sync-midway\n');
              await new Promise(() => {});
            }
            const apiBacked = integrations.filter(
              (i): i is EvidenceSubject & { apiRef: string } => !!i.apiRef,
            );
            return {
              verifications: apiBacked.map(subject => ({
                subject,
                verification: {
                  source: 'replica-ci',
                  result: 'passed' as const,
                  providerVersion: '1.0.0',
                  verifiedAt: '2026-11-20T10:00:00.000Z',
                },
              })),
              mocks: apiBacked.map(subject => ({
                subject,
                documents: [
                  {
                    name: `${subject.consumerRef}.json`,
                    format: 'wiremock' as const,
                    content: {
                      request: { method: 'GET', url: '/health' },
                      response: { status: 200 },
                    },
                  },
                ],
              })),
            };
          },
        });
      },
    });
  },
});

async function main() {
  const knex = knexFactory({
    client: 'pg',
    connection: JSON.parse(process.env.REPLICA_DATABASE!),
  });
  const env = process.env;
  const backend = await startTestBackend({
    features: [
      integrationHealthPlugin,
      ...(env.REPLICA_EVIDENCE === '1' ? [evidence] : []),
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
                timeout: {
                  seconds: Number(env.REPLICA_SYNC_TIMEOUT_SECONDS ?? 30),
                },
              },
              ...(env.REPLICA_LEASE_SECONDS
                ? { leaseSeconds: Number(env.REPLICA_LEASE_SECONDS) }
                : {}),
            },
            // A paused source waits for the kill, not for its time limit.
            evidence: { sourceTimeoutSeconds: 3600 },
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
