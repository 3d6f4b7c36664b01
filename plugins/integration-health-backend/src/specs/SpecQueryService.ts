import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SpecChange,
  SpecVersion,
} from '@integration-health/plugin-integration-health-common';
import { CatalogVisibility } from '../integrations/CatalogVisibility';
import { SpecStore } from './SpecStore';

/** An API's recorded definitions and their changes, for callers who can see the API. */
export class SpecQueryService {
  private readonly visibility: CatalogVisibility;

  constructor(
    private readonly options: { catalog: CatalogService; specStore: SpecStore },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
  }

  /** Every recorded definition of an API, newest first. */
  async getSpecVersions(
    apiRef: string,
    credentials: BackstageCredentials,
  ): Promise<SpecVersion[]> {
    await this.visibility.assertVisible(apiRef, credentials);
    return this.options.specStore.listVersions(apiRef);
  }

  /** The classified changes one version of an API brought. */
  async getSpecChanges(
    apiRef: string,
    versionId: string,
    credentials: BackstageCredentials,
  ): Promise<SpecChange[]> {
    await this.visibility.assertVisible(apiRef, credentials);
    const changes = await this.options.specStore.listChanges(apiRef, versionId);
    if (!changes) {
      throw new NotFoundError(`${apiRef} has no spec version ${versionId}`);
    }
    return changes;
  }
}
