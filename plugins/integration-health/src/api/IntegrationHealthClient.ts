import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityIntegrations,
  SyncRun,
} from '@integration-health/plugin-integration-health-common';
import { IntegrationHealthApi } from './IntegrationHealthApi';

/**
 * Talks to /api/integration-health with the signed-in user's credentials.
 *
 * @public
 */
export class IntegrationHealthClient implements IntegrationHealthApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async getEntityIntegrations(entityRef: string): Promise<EntityIntegrations> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const path = [kind, namespace, name].map(encodeURIComponent).join('/');
    return this.get(`/v1/entities/${path}/integrations`);
  }

  async getLatestSyncRun(): Promise<SyncRun | undefined> {
    try {
      return await this.get<SyncRun>('/v1/sync-runs/latest');
    } catch (error) {
      if (error instanceof ResponseError && error.response.status === 404) {
        return undefined;
      }
      throw error;
    }
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'integration-health',
    );
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
