import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The catalog as the plugin's routes ask it: with a user's own credentials,
 * so that the catalog's permission policy decides what each user sees; and
 * for a service caller (a pipeline's external access token) with the
 * plugin's own credentials. Backstage does not let a plugin act on behalf of
 * a token with access restrictions towards another plugin, so a pipeline
 * limited to this plugin's permissions could not run the CI check otherwise;
 * what a service may do here is decided by this plugin's permissions.
 */
export function catalogForCallers(
  catalog: CatalogService,
  auth: AuthService,
): CatalogService {
  const asCaller = async (options: unknown) => {
    if (
      options &&
      typeof options === 'object' &&
      'credentials' in options &&
      auth.isPrincipal((options as any).credentials, 'service')
    ) {
      return {
        ...options,
        credentials: await auth.getOwnServiceCredentials(),
      };
    }
    return options;
  };
  // Every method takes its request options (with the credentials) last.
  return new Proxy(catalog, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (args.length > 0) {
          args[args.length - 1] = await asCaller(args[args.length - 1]);
        }
        return value.apply(target, args);
      };
    },
  });
}
