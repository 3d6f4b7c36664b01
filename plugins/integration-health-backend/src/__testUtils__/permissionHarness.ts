import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

// amara is in payments (owns processing, the provider of transaction events);
// mei is in ledger (owns the ledger, its consumer); diego is in platform
// and owns neither side.
export const GROUPS: Record<string, string[]> = {
  'user:default/amara': ['group:default/payments'],
  'user:default/mei': ['group:default/ledger'],
  'user:default/diego': ['group:default/platform'],
};

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
