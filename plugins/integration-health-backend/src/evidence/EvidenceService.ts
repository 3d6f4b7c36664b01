import {
  BackstageCredentials,
  BackstageServicePrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import {
  ContractVerification,
  EvidenceSourceStatus,
  Integration,
  integrationEvidencePushPermission,
  IntegrationScores,
} from '@integration-health/plugin-integration-health-common';
import { MockDocument } from '@integration-health/plugin-integration-health-node';
import { EvidenceSourceStore } from './EvidenceSourceStore';
import { EvidenceStore } from './EvidenceStore';
import { MockStore } from './MockStore';
import { IntegrationStore } from '../integrations/IntegrationStore';
import { ScoreService } from './scores/ScoreService';
import { ScoreStore } from './scores/ScoreStore';
import { redactReason } from './redactReason';
import { CatalogVisibility } from '../integrations/CatalogVisibility';
import { IntegrationQuery } from '../permissions/rules';
import { createResourceAuthorizer } from '../permissions/resourceAuthorizer';
import { pushSourceId } from './pushSourceId';

/** Evidence a pipeline pushes, and who pushes it under which label. */
export type EvidencePush = {
  credentials: BackstageCredentials<BackstageServicePrincipal>;
  /** The label the pipeline named, if any (see pushSourceId). */
  label?: string;
};

/** Evidence pushed from pipelines, and the scores it changes. */
export class EvidenceService {
  private readonly visibility: CatalogVisibility;
  private readonly authorize;
  private readonly registeredSourceIds: ReadonlySet<string>;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      permissions: PermissionsService;
      ruleset: PermissionRuleset<Integration, IntegrationQuery>;
      /** The ids of the evidence sources the sync asks (not pushable). */
      registeredSourceIds: string[];
      integrationStore: IntegrationStore;
      evidenceStore: EvidenceStore;
      scoreStore: ScoreStore;
      mockStore: MockStore;
      sourceStore: EvidenceSourceStore;
      scoreService: ScoreService;
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
    this.authorize = createResourceAuthorizer(
      options.permissions,
      options.ruleset,
    );
    this.registeredSourceIds = new Set(options.registeredSourceIds);
  }

  /** The integration's daily scores over the last `days` days, oldest first. */
  async trend(
    integrationId: string,
    days: number,
    credentials: BackstageCredentials,
  ): Promise<{ day: string; contract?: number; mock?: number }[]> {
    const { integrationStore, scoreStore } = this.options;
    await this.visibility.getVisibleIntegration(
      integrationStore,
      integrationId,
      credentials,
    );
    const since = new Date(Date.now() - (days - 1) * 86_400_000);
    return scoreStore.listSnapshots(
      integrationId,
      since.toISOString().slice(0, 10),
    );
  }

  /**
   * Every evidence source, stale ones with their last error, redacted: the
   * full error is in the log.
   */
  async listSources(): Promise<EvidenceSourceStatus[]> {
    const sources = await this.options.sourceStore.listSources();
    return sources.map(source => ({
      ...source,
      lastError: source.lastError && redactReason(source.lastError),
    }));
  }

  /**
   * The integration a push is for, once the permission framework allows the
   * pusher (a service by its token's access restrictions) and the
   * integration is current; with the source id the push is stored under.
   */
  private async pushTarget(
    integrationId: string,
    push: EvidencePush,
  ): Promise<{
    integration: Integration;
    source: string;
    siblingApiRefs: string[];
  }> {
    const source = pushSourceId(
      push.credentials.principal,
      push.label,
      this.registeredSourceIds,
    );
    const may = await this.authorize(
      integrationEvidencePushPermission,
      push.credentials,
    );
    const { integrationStore } = this.options;
    const [integration] = await integrationStore.getByIds([integrationId]);
    if (!integration) {
      throw new NotFoundError(`No integration ${integrationId}`);
    }
    if (!may(integration)) {
      throw new NotAllowedError(
        `Not allowed to push evidence for integration ${integrationId}`,
      );
    }
    const current = await integrationStore.listTouching([
      integration.consumerRef,
    ]);
    if (!current.some(i => i.id === integrationId)) {
      throw new ConflictError(
        `Integration ${integrationId} is gone from the catalog; evidence for it is not taken`,
      );
    }
    // The provider's other APIs this consumer uses: a document may mock them too.
    const siblingApiRefs = current.flatMap(i =>
      i.providerRef === integration.providerRef &&
      i.apiRef &&
      i.apiRef !== integration.apiRef
        ? [i.apiRef]
        : [],
    );
    return { integration, source, siblingApiRefs };
  }

  async recordVerification(
    integrationId: string,
    verification: Omit<ContractVerification, 'source'>,
    push: EvidencePush,
  ): Promise<IntegrationScores> {
    const { integration, source, siblingApiRefs } = await this.pushTarget(
      integrationId,
      push,
    );
    const now = new Date();
    await this.options.evidenceStore.addVerification(
      integrationId,
      { ...verification, source },
      now,
    );
    const scores = await this.options.scoreService.compute(
      integration,
      now,
      undefined,
      siblingApiRefs,
    );
    return { ...scores, computedAt: now.toISOString() };
  }

  /** Replaces the mocks this pipeline pushed for one integration, and rescores it. */
  async replaceMocks(
    integrationId: string,
    documents: MockDocument[],
    push: EvidencePush,
  ): Promise<IntegrationScores> {
    const { integration, source, siblingApiRefs } = await this.pushTarget(
      integrationId,
      push,
    );
    const now = new Date();
    await this.options.mockStore.replaceMocks(
      source,
      [{ integrationId, documents }],
      {
        removeOthers: false,
        collectedAt: now,
      },
    );
    const scores = await this.options.scoreService.compute(
      integration,
      now,
      undefined,
      siblingApiRefs,
    );
    return { ...scores, computedAt: now.toISOString() };
  }
}
