import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { integrationHealthEvidenceExtensionPoint } from '@integration-health/plugin-integration-health-node';
import path from 'node:path';
import { loadDemoEvidence } from './loadDemoEvidence';

/**
 * Demo only: an evidence source that reports the contract verifications in
 * examples/evidence.yaml, dated from when the backend started. Enabled by
 * integrationHealthDemo.evidenceFile.
 */
export const demoEvidenceModule = createBackendModule({
  pluginId: 'integration-health',
  moduleId: 'demo-evidence',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        evidence: integrationHealthEvidenceExtensionPoint,
      },
      async init({ config, evidence }) {
        const file = config.getOptionalString(
          'integrationHealthDemo.evidenceFile',
        );
        if (!file) return;
        // Dated once, so that every sync reports the same verifications.
        const verifications = loadDemoEvidence(path.resolve(file), new Date());
        evidence.addSource({
          id: 'demo-ci',
          collect: async () => verifications,
        });
      },
    });
  },
});
