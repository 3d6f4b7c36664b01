import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { INTEGRATION_RESOURCE_TYPE } from '@integration-health/plugin-integration-health-common';
import {
  createIntegrationConditionalDecision,
  integrationConditions,
} from '../permissions/conditions';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import request from 'supertest';
import { integrationHealthPlugin } from '../plugin';
import { paymentsCatalog } from '../testUtils/entities';
import { catalogHiding } from './catalogHiding';

// amara is in payments (owns processing, the provider of transaction events);
// mei is in ledger (owns the ledger, its consumer); diego is in platform
// and owns neither side.
export const GROUPS: Record<string, string[]> = {
  'user:default/amara': ['group:default/payments'],
  'user:default/mei': ['group:default/ledger'],
  'user:default/diego': ['group:default/platform'],
};

/** The users of GROUPS as catalog entities, members of their groups. */
export function groupMembers(): Entity[] {
  return Object.entries(GROUPS).map(([ref, groups]) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: ref.split('/')[1], namespace: 'default' },
    spec: {},
    relations: groups.map(targetRef => ({ type: 'memberOf', targetRef })),
  }));
}

/** Users' ownership claims, as the auth backend would resolve them. */
export const userInfoWithGroups = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef = credentials.principal.userEntityRef;
      return {
        userEntityRef,
        ownershipEntityRefs: [userEntityRef, ...(GROUPS[userEntityRef] ?? [])],
      };
    },
  }),
});

/**
 * The mock auth service, except that a plugin calling another on behalf of
 * a user sends the user with itself as actor — as the real auth service's
 * on-behalf-of tokens do, and as the permission backend requires before it
 * evaluates conditions for a user.
 */
export const authWithActors = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    const getPluginRequestToken = auth.getPluginRequestToken.bind(auth);
    auth.getPluginRequestToken = async options => {
      const principal = options.onBehalfOf.principal as {
        type: string;
        userEntityRef?: string;
      };
      if (principal.type === 'user' && principal.userEntityRef) {
        return {
          token: mockCredentials.user.token(principal.userEntityRef, {
            actor: { subject: `plugin:${plugin.getId()}` },
          }),
        };
      }
      return getPluginRequestToken(options);
    };
    return auth;
  },
});

export const user = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);

/**
 * The plugin on the payments catalog behind the real permission backend,
 * with `handle` as the policy, sync every 10 minutes (the first soon after
 * start); resolves once the first sync has recorded the ledger's integration,
 * with its id.
 */
export async function startPolicyBackend(
  handle: PermissionPolicy['handle'],
  options: {
    extraEntities?: Entity[];
    /** Services to replace, e.g. a notification service that records. */
    services?: ServiceFactory[];
    /** Entities a user may not read, as the catalog's policy would decide. */
    hiddenFrom?: Record<string, string[]>;
  } = {},
): Promise<{ backend: TestBackend; ledgerIntegrationId: string }> {
  const policyModule = createBackendModule({
    pluginId: 'permission',
    moduleId: 'test-policy',
    register(reg) {
      reg.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy }) {
          policy.setPolicy({ handle });
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      integrationHealthPlugin,
      permissionPlugin,
      policyModule,
      userInfoWithGroups,
      authWithActors,
      catalogHiding(
        [...paymentsCatalog(), ...(options.extraEntities ?? [])],
        options.hiddenFrom ?? {},
      ),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      ...(options.services ?? []),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          integrationHealth: {
            sync: {
              schedule: {
                frequency: { minutes: 10 },
                timeout: { minutes: 1 },
              },
            },
          },
        },
      }),
    ],
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    const res = await request(backend.server)
      .get(
        '/api/integration-health/v1/entities/component/default/ledger/integrations',
      )
      .set('Authorization', user('mei'));
    const id = res.body.upstream?.[0]?.id;
    if (id) return { backend, ledgerIntegrationId: id };
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  await backend.stop();
  throw new Error('The first sync did not record the ledger integration');
}

/** The policy the README recommends: owners of either side of an integration may act on it. */
export const ownersPolicy: PermissionPolicy['handle'] = async (req, who) =>
  isResourcePermission(req.permission, INTEGRATION_RESOURCE_TYPE)
    ? createIntegrationConditionalDecision(
        req.permission,
        integrationConditions.isSideOwner({
          claims: who?.info.ownershipEntityRefs ?? [],
        }),
      )
    : { result: AuthorizeResult.ALLOW };
