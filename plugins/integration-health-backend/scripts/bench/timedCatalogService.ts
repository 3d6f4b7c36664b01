import {
  AuthService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { CatalogClient } from '@backstage/catalog-client';
import {
  CatalogService,
  catalogServiceRef,
  CatalogServiceRequestOptions,
} from '@backstage/plugin-catalog-node';

/**
 * Wall-clock time during which at least one catalog call was in flight
 * (overlapping calls count once), so it can be taken off a sync's total.
 */
export class CatalogClock {
  private inFlight = 0;
  private since = 0;
  private spentMs = 0;
  calls = 0;

  enter() {
    this.calls++;
    if (this.inFlight++ === 0) this.since = performance.now();
  }

  leave() {
    if (--this.inFlight === 0) this.spentMs += performance.now() - this.since;
  }

  reset() {
    this.spentMs = 0;
    this.calls = 0;
    if (this.inFlight > 0) this.since = performance.now();
  }

  get ms() {
    return (
      this.spentMs + (this.inFlight > 0 ? performance.now() - this.since : 0)
    );
  }
}

/**
 * What catalogServiceRef's default factory builds (a CatalogClient over the
 * catalog's REST API, called with a token for the caller's credentials), each
 * call timed on the clock.
 */
export function timedCatalogService(
  catalogApi: CatalogClient,
  auth: AuthService,
  clock: CatalogClock,
): CatalogService {
  return new Proxy({} as CatalogService, {
    get(_target, property) {
      const method = Reflect.get(catalogApi, property, catalogApi);
      if (typeof method !== 'function') return method;
      return async (...args: unknown[]) => {
        clock.enter();
        try {
          const options = args.pop() as CatalogServiceRequestOptions;
          const token = await auth.getPluginRequestToken({
            onBehalfOf: options.credentials,
            targetPluginId: 'catalog',
          });
          return await method.apply(catalogApi, [...args, token]);
        } finally {
          clock.leave();
        }
      };
    },
  });
}

/** The catalog service for every plugin in the test backend, timed. */
export function timedCatalogServiceFactory(clock: CatalogClock) {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: { auth: coreServices.auth, discovery: coreServices.discovery },
    factory: ({ auth, discovery }) =>
      timedCatalogService(
        new CatalogClient({ discoveryApi: discovery }),
        auth,
        clock,
      ),
  });
}
