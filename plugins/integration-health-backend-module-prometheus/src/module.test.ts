import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  integrationHealthObservationsExtensionPoint,
  ObservationSource,
} from '@integration-health/plugin-integration-health-node';
import { integrationHealthModulePrometheus } from './module';
import { PrometheusSource } from './PrometheusSource';

/** Starts the module next to a stand-in plugin that records the sources it adds. */
async function sourcesAdded(config: object) {
  const sources: ObservationSource[] = [];
  const logger = mockServices.logger.mock();
  const plugin = createBackendPlugin({
    pluginId: 'integration-health',
    register(env) {
      env.registerExtensionPoint(integrationHealthObservationsExtensionPoint, {
        addSource: source => sources.push(source),
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
  const backend = await startTestBackend({
    features: [
      plugin,
      integrationHealthModulePrometheus,
      logger.factory,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  await backend.stop();
  return { sources, logger };
}

describe('integrationHealthModulePrometheus', () => {
  it('adds the Prometheus source when configured', async () => {
    const { sources } = await sourcesAdded({
      integrationHealth: {
        observations: { prometheus: { baseUrl: 'http://prometheus:9090' } },
      },
    });
    expect(sources).toHaveLength(1);
    expect(sources[0]).toBeInstanceOf(PrometheusSource);
    expect(sources[0].id).toBe('prometheus');
  });

  it('adds nothing and says it is off without config', async () => {
    const { sources, logger } = await sourcesAdded({});
    expect(sources).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      'No integrationHealth.observations.prometheus configured; the Prometheus source is off',
    );
  });
});
