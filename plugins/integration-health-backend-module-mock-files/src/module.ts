import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  integrationHealthEvidenceExtensionPoint,
  readFullReadInterval,
} from '@integration-health/plugin-integration-health-node';
import { MockFilesSource } from './MockFilesSource';

/**
 * Evidence from pact files and WireMock mappings that consumers declare with
 * the `integration-health.io/mocks` annotation.
 *
 * @public
 */
export const integrationHealthModuleMockFiles = createBackendModule({
  pluginId: 'integration-health',
  moduleId: 'mock-files',
  register(env) {
    env.registerInit({
      deps: {
        evidence: integrationHealthEvidenceExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        urlReader: coreServices.urlReader,
      },
      async init({ evidence, config, catalog, auth, urlReader }) {
        evidence.addSource(
          new MockFilesSource({
            catalog,
            auth,
            urlReader,
            allowedDirectories:
              config.getOptionalStringArray(
                'integrationHealth.evidence.mockFiles.allowedDirectories',
              ) ?? [],
            limits: {
              maxFiles: 500,
              maxDepth: 5,
              maxFileBytes:
                config.getOptionalNumber(
                  'integrationHealth.evidence.maxMockDocumentBytes',
                ) ?? 1024 * 1024,
            },
            fullReadIntervalMs: readFullReadInterval(
              config.getOptionalConfig('integrationHealth.evidence.mockFiles'),
            ),
          }),
        );
      },
    });
  },
});
