import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import {
  AccountableOwnerAssignment,
  Integration,
  integrationAssignOwnerPermission,
} from '@integration-health/plugin-integration-health-common';
import { IntegrationStore } from './IntegrationStore';
import { createResourceAuthorizer } from '../permissions/resourceAuthorizer';
import { IntegrationQuery } from '../permissions/rules';
import { CatalogVisibility } from './CatalogVisibility';

export type AssignOwnerRequest = {
  integrationId: string;
  /** A group ref; absent clears the assignment. */
  ownerRef?: string;
  note?: string;
};

/**
 * Assigns the accountable owner of an integration. The permission policy
 * decides who may; the plugin's rules let it allow the owners of either side.
 */
export class OwnerAssignmentService {
  private readonly visibility: CatalogVisibility;
  private readonly authorize: ReturnType<
    typeof createResourceAuthorizer<Integration, IntegrationQuery>
  >;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      permissions: PermissionsService;
      integrationStore: IntegrationStore;
      ruleset: PermissionRuleset<Integration, IntegrationQuery>;
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
    this.authorize = createResourceAuthorizer(
      options.permissions,
      options.ruleset,
    );
  }

  async assign(
    request: AssignOwnerRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<Integration> {
    const { integrationStore } = this.options;
    const integration = await this.visibility.getVisibleIntegration(
      integrationStore,
      request.integrationId,
      credentials,
    );

    const mayAssign = await this.authorize(
      integrationAssignOwnerPermission,
      credentials,
    );
    if (!mayAssign(integration)) {
      throw new NotAllowedError(
        `Only the owners of ${integration.consumerRef} or ${integration.providerRef} may assign this integration's accountable owner`,
      );
    }

    const ownerRef = request.ownerRef
      ? await this.resolveGroup(request.ownerRef, credentials)
      : undefined;
    if (!ownerRef && !integration.accountableOwnerAssignment) {
      return integration; // nothing assigned: clearing again is harmless
    }
    await integrationStore.addOwnerAssignment(
      {
        integrationId: integration.id,
        ownerRef,
        assignedBy: credentials.principal.userEntityRef,
        note: request.note,
      },
      new Date(),
    );
    const [updated] = await integrationStore.getByIds([integration.id]);
    return updated;
  }

  async history(
    integrationId: string,
    credentials: BackstageCredentials,
  ): Promise<AccountableOwnerAssignment[]> {
    const { integrationStore } = this.options;
    await this.visibility.getVisibleIntegration(
      integrationStore,
      integrationId,
      credentials,
    );
    return integrationStore.listOwnerAssignments(integrationId);
  }

  private async resolveGroup(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<string> {
    let groupRef: string;
    try {
      groupRef = stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      );
    } catch (error) {
      throw new InputError(`Invalid ownerRef: ${(error as Error).message}`);
    }
    if (!groupRef.startsWith('group:')) {
      throw new InputError(
        `Invalid ownerRef: the accountable owner must be a group, not ${groupRef}`,
      );
    }
    const group = await this.options.catalog.getEntityByRef(groupRef, {
      credentials,
    });
    if (!group) {
      throw new InputError(
        `Invalid ownerRef: ${groupRef} is not a group in the catalog`,
      );
    }
    return groupRef;
  }
}
