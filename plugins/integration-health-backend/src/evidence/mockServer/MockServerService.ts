import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import {
  Integration,
  integrationMockServerPermission,
  MOCK_SERVER_ANNOTATION,
  SpecVersion,
} from '@integration-health/plugin-integration-health-common';
import { MockServerConfig } from '../../config';
import { IntegrationStore } from '../../integrations/IntegrationStore';
import { IntegrationQuery } from '../../permissions/rules';
import { createResourceAuthorizer } from '../../permissions/resourceAuthorizer';
import { SpecStore } from '../../specs/SpecStore';
import { SpecWorkerPool } from '../../specs/worker/SpecWorkerPool';
import { MockChecker, SpecNotCheckableError } from '../mocks/checkMocks';
import { MockRequestValidator } from './MockRequestValidator';
import { GeneratedMocksService } from '../GeneratedMocksService';
import { MockResponse, MockRoutes } from './mockRoutes';
import { TooManyRequestsError } from './mockServerErrors';
import { TokenBuckets } from './TokenBuckets';

/** How long a generated bundle is served before it is generated again. */
const BUNDLE_TTL_MS = 5 * 60_000;

/** A request to an integration's mock, as the router read it. */
export type MockRequest = {
  method: string;
  /** The path after `/v1/mock-server/<integration id>`, still URL-encoded. */
  path: string;
  /** The query string, still URL-encoded, without `?`. */
  query?: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** The status a `Prefer: code=…` header asks for. */
  prefer?: number;
};

/** What an integration's mock serves and how it judges requests, per spec version. */
type ServedSpec = { routes: MockRoutes; validator?: MockRequestValidator };

/**
 * A live mock of each provider, one per integration: it answers as the
 * provider's current spec would, from the WireMock bundle generated for the
 * consumer (cached per spec version, never generated per request), and
 * refuses with 400 a request the spec does not accept, saying why. Off
 * unless the backend enables it and the API opts in with its annotation;
 * only callers the permission framework allows, each integration within
 * its request rate.
 */
export class MockServerService {
  private readonly authorize;
  private readonly buckets: TokenBuckets;
  private readonly bundles = new Map<
    string,
    { expiresAt: number; served: Promise<ServedSpec> }
  >();

  constructor(
    private readonly options: {
      config: MockServerConfig;
      auth: AuthService;
      catalog: CatalogService;
      permissions: PermissionsService;
      ruleset: PermissionRuleset<Integration, IntegrationQuery>;
      integrationStore: IntegrationStore;
      specStore: SpecStore;
      generatedMocks: GeneratedMocksService;
      specs: SpecWorkerPool;
      now?: () => number;
    },
  ) {
    this.authorize = createResourceAuthorizer(
      options.permissions,
      options.ruleset,
    );
    this.buckets = new TokenBuckets(
      options.config.requestsPerSecond,
      options.now,
    );
  }

  async answer(
    integrationId: string,
    request: MockRequest,
    credentials: BackstageCredentials,
  ): Promise<MockResponse> {
    if (!this.options.config.enabled) {
      throw new NotFoundError(
        'The mock server is off: set integrationHealth.mockServer.enabled to serve the APIs that enable it',
      );
    }
    const [integration] = await this.options.integrationStore.getByIds([
      integrationId,
    ]);
    if (!integration) {
      throw new NotFoundError(`No integration ${integrationId}`);
    }
    const may = await this.authorize(
      integrationMockServerPermission,
      credentials,
    );
    if (!may(integration)) {
      throw new NotAllowedError(
        `Not allowed to call the mock server of integration ${integrationId}`,
      );
    }
    const taken = this.buckets.take(integrationId);
    if (!taken.ok) {
      throw new TooManyRequestsError(
        `The mock of integration ${integrationId} answers ${this.options.config.requestsPerSecond} requests a second; try again in ${taken.retryAfterSeconds} s`,
        taken.retryAfterSeconds,
      );
    }
    const apiRef = await this.enabledApi(integration);
    const { routes, validator } = await this.servedSpec(integration, apiRef);
    const match = routes.match(request.method, request.path, request.prefer);
    if (match.kind === 'no-operation') {
      throw new NotFoundError(
        `No operation of ${apiRef} matches ${request.method} ${
          request.path
        }; it has: ${match.operations.join(', ')}`,
      );
    }
    if (match.kind === 'no-status') {
      throw new NotFoundError(
        `${match.operation} of ${apiRef} has no ${
          request.prefer
        } response to prefer; it has: ${match.statuses.join(', ')}`,
      );
    }
    const problems = validator
      ? await validator.problems(
          {
            method: request.method,
            path: request.path,
            query: request.query,
            headers: request.headers ?? {},
            body: request.body,
          },
          match.response,
        )
      : [];
    if (problems.length > 0) {
      throw new InputError(
        `${request.method} ${request.path} is not a request ${
          match.operation
        } of ${apiRef} accepts: ${problems.join('; ')}`,
      );
    }
    return match.response;
  }

  /** The integration's API, once it has opted in; read as the plugin itself. */
  private async enabledApi(integration: Integration): Promise<string> {
    const { apiRef } = integration;
    const entity = apiRef
      ? await this.options.catalog.getEntityByRef(apiRef, {
          credentials: await this.options.auth.getOwnServiceCredentials(),
        })
      : undefined;
    if (
      !apiRef ||
      entity?.metadata.annotations?.[MOCK_SERVER_ANNOTATION] !== 'enabled'
    ) {
      throw new NotFoundError(
        `${
          apiRef ?? `Integration ${integration.id}`
        } has not enabled its mock server: its API entity needs the annotation ${MOCK_SERVER_ANNOTATION}: enabled`,
      );
    }
    return apiRef;
  }

  private async servedSpec(
    integration: Integration,
    apiRef: string,
  ): Promise<ServedSpec> {
    const now = (this.options.now ?? Date.now)();
    const [current] = await this.options.specStore.listVersions(apiRef);
    const key = `${integration.id}\n${current?.id}`;
    const cached = this.bundles.get(key);
    if (cached && cached.expiresAt > now) return cached.served;
    for (const [k, entry] of this.bundles) {
      if (entry.expiresAt <= now) this.bundles.delete(k);
    }
    const served = Promise.all([
      this.routesOf(integration, apiRef),
      this.validatorOf(current),
    ]).then(([routes, validator]) => ({ routes, validator }));
    this.bundles.set(key, { expiresAt: now + BUNDLE_TTL_MS, served });
    served.catch(() => this.bundles.delete(key));
    return served;
  }

  private async routesOf(
    integration: Integration,
    apiRef: string,
  ): Promise<MockRoutes> {
    const { generatedMocks, auth } = this.options;
    try {
      const bundle = await generatedMocks.generate(
        integration.id,
        'wiremock',
        await auth.getOwnServiceCredentials(),
        { compare: false },
      );
      return new MockRoutes(bundle.content);
    } catch (error) {
      if ((error as Error).name === 'InputError') {
        throw new NotFoundError(
          `${apiRef} has no HTTP operations to serve: ${
            (error as Error).message
          }`,
        );
      }
      throw error;
    }
  }

  /** The current spec's checker (parsed in a spec worker); none when it cannot be checked against. */
  private async validatorOf(
    current: SpecVersion | undefined,
  ): Promise<MockRequestValidator | undefined> {
    const text =
      current && (await this.options.specStore.getDefinition(current.id));
    if (text === undefined) return undefined;
    try {
      return new MockRequestValidator(
        new MockChecker({
          ...(await this.options.specs.load(text)),
          version: current!.versionLabel,
        }),
      );
    } catch (error) {
      if (error instanceof SpecNotCheckableError) return undefined;
      throw error;
    }
  }
}
