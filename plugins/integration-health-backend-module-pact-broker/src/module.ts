import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { integrationHealthEvidenceExtensionPoint } from '@integration-health/plugin-integration-health-node';
import { PactBrokerAuth, PactBrokerClient } from './PactBrokerClient';
import { PactBrokerSource } from './PactBrokerSource';

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
          }),
        );
      },
    });
  },
});
