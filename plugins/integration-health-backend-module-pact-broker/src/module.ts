import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  integrationHealthEvidenceExtensionPoint,
  readFullReadInterval,
} from '@integration-health/plugin-integration-health-node';
import { PactBrokerAuth, PactBrokerClient } from './PactBrokerClient';
import { PactBrokerSource } from './PactBrokerSource';

/** `concurrency`, from 1 to 32; a clear error for anything else. */
function readConcurrency(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > 32) {
    throw new Error(
      `integrationHealth.evidence.pactBroker.concurrency must be a whole number from 1 to 32, got ${value}`,
    );
  }
  return value;
}

/**
 * Evidence from a Pact Broker or PactFlow, configured under
 * `integrationHealth.evidence.pactBroker`. Without that config the module
 * adds no source.
 *
 * @public
 */
export const integrationHealthModulePactBroker = createBackendModule({
  pluginId: 'integration-health',
  moduleId: 'pact-broker',
  register(env) {
    env.registerInit({
      deps: {
        evidence: integrationHealthEvidenceExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ evidence, config, catalog, auth, logger }) {
        const broker = config.getOptionalConfig(
          'integrationHealth.evidence.pactBroker',
        );
        if (!broker) {
          logger.info(
            'No integrationHealth.evidence.pactBroker configured; the Pact Broker source is off',
          );
          return;
        }
        const token = broker.getOptionalString('token');
        const username = broker.getOptionalString('username');
        let credentials: PactBrokerAuth;
        if (token) credentials = { token };
        else if (username)
          credentials = { username, password: broker.getString('password') };
        evidence.addSource(
          new PactBrokerSource({
            client: new PactBrokerClient(
              broker.getString('baseUrl'),
              credentials,
            ),
            catalog,
            auth,
            productionEnvironment:
              broker.getOptionalString('productionEnvironment') ?? 'production',
            concurrency: readConcurrency(
              broker.getOptionalNumber('concurrency'),
            ),
            fullReadIntervalMs: readFullReadInterval(broker),
          }),
        );
      },
    });
  },
});
