import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import {
  AcknowledgementRecord,
  AcknowledgementState,
  breakingChangeAcknowledgePermission,
  breakingChangeAnnouncePermission,
  CalendarAnnouncement,
  CalendarConsumer,
  CalendarEntry,
  CalendarEntryRevision,
  Integration,
} from '@integration-health/plugin-integration-health-common';
import {
  ackKey,
  CalendarStore,
  DetectedEntry,
  StoredEntry,
} from './CalendarStore';
import { ScoreStore } from '../evidence/scores/ScoreStore';
import { IntegrationStore } from '../integrations/IntegrationStore';
import {
  operationsTouched,
  operationsUsed,
  reaches,
} from './affectedConsumers';
import { SpecStore } from '../specs/SpecStore';
import { ApiResource } from '../permissions/apiRules';
import { createResourceAuthorizer } from '../permissions/resourceAuthorizer';
import { IntegrationQuery } from '../permissions/rules';
import { CatalogVisibility } from '../integrations/CatalogVisibility';
import { consumerState, nextStep } from './consumerState';
import { detectNewVersions } from './detectNewVersions';
import { IntegrationTrafficStore } from '../observations/IntegrationTrafficStore';

export type CalendarFilter = {
  apiRef?: string;
  /** Entries whose API or affected consumers this group owns. */
  ownerRef?: string;
  /** Entries with at least one consumer in this state, or cancelled ones. */
  state?: AcknowledgementState | 'cancelled';
  from?: string;
  to?: string;
};

type Decision = (resource: unknown) => boolean;

/** Calls back when the calendar changes, for notifications and signals. */
export type CalendarListener = (event: {
  type: 'created' | 'updated' | 'cancelled' | 'acknowledged' | 'withdrawn';
  entryId: string;
}) => Promise<void>;

/**
 * The breaking-change calendar: detected entries from spec history,
 * announced ones from the providers' owners, the consumers each reaches and
 * their acknowledgements. Everything is answered with the caller's catalog
 * visibility; changes are checked with the permission framework.
 */
export class CalendarService {
  private readonly visibility: CatalogVisibility;
  private readonly authorizeIntegration;
  private readonly authorizeApi;
  private readonly listeners: CalendarListener[] = [];

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      integrationStore: IntegrationStore;
      scoreStore: Pick<ScoreStore, 'getScores'>;
      specStore: SpecStore;
      calendarStore: CalendarStore;
      /** Whether telemetry saw traffic on each integration, where it can see it. */
      traffic?: Pick<IntegrationTrafficStore, 'trafficOf'>;
      integrationRuleset: PermissionRuleset<Integration, IntegrationQuery>;
      /** Days consumers have to acknowledge a change detected as it shipped. */
      detectedGraceDays: number;
      apiRuleset: PermissionRuleset<ApiResource, { ownerRefs: string[] }>;
      /** Spec versions read per page when putting new ones on the calendar. */
      detectPageSize?: number;
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
    this.authorizeIntegration = createResourceAuthorizer(
      options.permissions,
      options.integrationRuleset,
    );
    this.authorizeApi = createResourceAuthorizer(
      options.permissions,
      options.apiRuleset,
    );
  }

  onChange(listener: CalendarListener) {
    this.listeners.push(listener);
  }

  private async emit(
    type: Parameters<CalendarListener>[0]['type'],
    entryId: string,
  ) {
    for (const listener of this.listeners) await listener({ type, entryId });
  }

  /**
   * Adds entries for the breaking changes and sunsets of the spec versions
   * recorded since the last time, all of them, a page at a time.
   */
  async addDetected(now: Date): Promise<number> {
    const { added } = await detectNewVersions({
      specStore: this.options.specStore,
      calendarStore: this.options.calendarStore,
      now,
      pageSize: this.options.detectPageSize,
    });
    for (const entry of added) await this.emit('created', entry.id);
    return added.length;
  }

  /**
   * Adds one detected entry found elsewhere than in spec history (a
   * database migration's breaking changes); answers its id, or undefined
   * when it was on the calendar already.
   */
  async addDetectedEntry(
    entry: DetectedEntry,
    now: Date,
  ): Promise<string | undefined> {
    const [added] = await this.options.calendarStore.addDetected([entry], now);
    if (added) await this.emit('created', added.id);
    return added?.id;
  }

  /** The API's owners and its providers' owners, as the permission framework sees the API. */
  async apiResource(apiRef: string): Promise<ApiResource | undefined> {
    const { catalog, auth, integrationStore } = this.options;
    const api = await catalog.getEntityByRef(apiRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    if (!api) return undefined;
    const { downstream } = await integrationStore.listForEntity(apiRef);
    const owners = new Set<string>();
    for (const r of api.relations ?? [])
      if (r.type === 'ownedBy') owners.add(r.targetRef);
    for (const i of downstream)
      if (i.providerOwnerRef) owners.add(i.providerOwnerRef);
    return { apiRef, ownerRefs: [...owners] };
  }

  /**
   * Who may act, as the permission framework decides: people by the policy,
   * per resource; a service (the CI check announcing) by its token's access
   * restrictions. Only people acknowledge.
   */
  private async decide(
    permission:
      | typeof breakingChangeAcknowledgePermission
      | typeof breakingChangeAnnouncePermission,
    credentials: BackstageCredentials,
  ): Promise<Decision> {
    const { auth } = this.options;
    const mayAsk =
      auth.isPrincipal(credentials, 'user') ||
      (permission === breakingChangeAnnouncePermission &&
        auth.isPrincipal(credentials, 'service'));
    if (!mayAsk) return () => false;
    const check =
      permission === breakingChangeAnnouncePermission
        ? await this.authorizeApi(permission, credentials)
        : await this.authorizeIntegration(permission, credentials);
    return resource => check(resource as any);
  }

  /** The entries' consumers today, with their states, visible to the caller. */
  private async withConsumers(
    entries: StoredEntry[],
    credentials: BackstageCredentials,
    now: Date,
    /** The acknowledgement trails, when the caller read them already. */
    trailsRead?: Map<string, AcknowledgementRecord[]>,
  ): Promise<CalendarEntry[]> {
    const { integrationStore, calendarStore } = this.options;
    const apiRefs = [...new Set(entries.map(e => e.apiRef))];
    const through = new Map<string, Integration[]>();
    for (const apiRef of apiRefs) {
      through.set(
        apiRef,
        (await integrationStore.listForEntity(apiRef)).downstream,
      );
    }
    const visible = await this.visibility.visibleRefs(
      [...apiRefs, ...[...through.values()].flat().map(i => i.consumerRef)],
      credentials,
    );
    const trails =
      trailsRead ??
      (await calendarStore.acknowledgements(entries.map(e => e.id)));
    const integrationIds = [...through.values()].flat().map(i => i.id);
    const [scores, traffic] = await Promise.all([
      this.options.scoreStore.getScores(integrationIds),
      this.options.traffic?.trafficOf(integrationIds) ?? new Map(),
    ]);
    const mayAcknowledge = await this.decide(
      breakingChangeAcknowledgePermission,
      credentials,
    );
    return entries
      .filter(entry => visible.has(entry.apiRef))
      .map(entry => {
        // Consumers whose evidence shows they use none of what changes are not reached.
        const touched = operationsTouched(entry);
        const byConsumer = new Map<string, Integration>();
        const unaffectedConsumerRefs: string[] = [];
        for (const i of through.get(entry.apiRef) ?? []) {
          if (!visible.has(i.consumerRef) || byConsumer.has(i.consumerRef))
            continue;
          const reached = entry.reachedConsumerRefs
            ? entry.reachedConsumerRefs.includes(i.consumerRef)
            : reaches(touched, operationsUsed(scores.get(i.id)));
          if (reached) {
            byConsumer.set(i.consumerRef, i);
          } else if (!unaffectedConsumerRefs.includes(i.consumerRef)) {
            unaffectedConsumerRefs.push(i.consumerRef);
          }
        }
        const acknowledgeBy = entry.effectiveWhenDetected
          ? new Date(
              Date.parse(entry.effectiveAt) +
                this.options.detectedGraceDays * 86_400_000,
            ).toISOString()
          : entry.effectiveAt;
        const consumers: CalendarConsumer[] = [...byConsumer.values()].map(
          i => ({
            consumerRef: i.consumerRef,
            consumerOwnerRef: i.consumerOwnerRef,
            integrationId: i.id,
            ...consumerState(
              trails.get(ackKey(entry.id, i.consumerRef)),
              entry.scopeRevision,
              acknowledgeBy,
              now,
            ),
            canAcknowledge: !entry.cancelledAt && mayAcknowledge(i),
            ...(traffic.has(i.id) ? { traffic: traffic.get(i.id) } : {}),
          }),
        );
        const providerOwnerRefs = [
          ...new Set(
            (through.get(entry.apiRef) ?? []).flatMap(i =>
              i.providerOwnerRef ? [i.providerOwnerRef] : [],
            ),
          ),
        ];
        const { effectiveWhenDetected, reachedConsumerRefs, ...shown } = entry;
        const acknowledgementChanges = [...byConsumer.keys()].reduce(
          (n, ref) => n + (trails.get(ackKey(entry.id, ref))?.length ?? 0),
          0,
        );
        return {
          ...shown,
          acknowledgeBy,
          revision: entry.sequence + acknowledgementChanges,
          consumers,
          unaffectedConsumerRefs,
          providerOwnerRefs,
        };
      });
  }

  /**
   * The consumers of an API the caller can see, one integration each, with
   * the operations their evidence says they use (undefined when it says none).
   */
  async consumersOf(apiRef: string, credentials: BackstageCredentials) {
    const { downstream } = await this.options.integrationStore.listForEntity(
      apiRef,
    );
    const visible = await this.visibility.visibleRefs(
      downstream.map(i => i.consumerRef),
      credentials,
    );
    const byConsumer = new Map<string, Integration>();
    for (const i of downstream) {
      if (visible.has(i.consumerRef) && !byConsumer.has(i.consumerRef)) {
        byConsumer.set(i.consumerRef, i);
      }
    }
    const scores = await this.options.scoreStore.getScores(
      [...byConsumer.values()].map(i => i.id),
    );
    return [...byConsumer.values()].map(integration => ({
      integration,
      operationsUsed: operationsUsed(scores.get(integration.id)),
    }));
  }

  async list(
    filter: CalendarFilter,
    credentials: BackstageCredentials,
  ): Promise<CalendarEntry[]> {
    const now = new Date();
    const stored = (
      await this.options.calendarStore.list({
        apiRefs: filter.apiRef ? [filter.apiRef] : undefined,
        includeCancelled: filter.state === 'cancelled',
      })
    ).filter(
      e =>
        (!filter.from || e.effectiveAt >= filter.from) &&
        (!filter.to || e.effectiveAt <= filter.to) &&
        (filter.state !== 'cancelled' || e.cancelledAt),
    );
    const entries = await this.withConsumers(stored, credentials, now);
    return entries.filter(entry => {
      if (
        filter.state &&
        filter.state !== 'cancelled' &&
        !entry.consumers.some(c => c.state === filter.state)
      ) {
        return false;
      }
      if (filter.ownerRef) {
        const owned = entry.consumers.some(
          c => c.consumerOwnerRef === filter.ownerRef,
        );
        return owned || entry.providerOwnerRefs.includes(filter.ownerRef);
      }
      return true;
    });
  }

  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<CalendarEntry & { history: CalendarEntryRevision[] }> {
    const stored = await this.options.calendarStore.get(id);
    const [entry] = stored
      ? await this.withConsumers([stored], credentials, new Date())
      : [];
    if (!entry) throw new NotFoundError(`No calendar entry ${id}`);
    const mayAnnounce = await this.decide(
      breakingChangeAnnouncePermission,
      credentials,
    );
    const api =
      entry.origin === 'announced'
        ? await this.apiResource(entry.apiRef)
        : undefined;
    return {
      ...entry,
      canManage: !entry.cancelledAt && api !== undefined && mayAnnounce(api),
      history: await this.options.calendarStore.history(id),
    };
  }

  private async assertMayAnnounce(
    apiRef: string,
    credentials: BackstageCredentials,
  ) {
    await this.visibility.assertVisible(apiRef, credentials);
    const api = await this.apiResource(apiRef);
    if (
      !api ||
      !(await this.decide(breakingChangeAnnouncePermission, credentials))(api)
    ) {
      throw new NotAllowedError(
        `Only the owners of ${apiRef} or of a component providing it may announce its breaking changes`,
      );
    }
  }

  private byRef(credentials: BackstageCredentials): string {
    const { auth } = this.options;
    if (auth.isPrincipal(credentials, 'user'))
      return credentials.principal.userEntityRef;
    if (auth.isPrincipal(credentials, 'service'))
      return `service:${credentials.principal.subject}`;
    return 'unknown';
  }

  /**
   * Announces a planned breaking change, when the permission framework
   * allows it for this API: users by the policy (owners of the API or a
   * provider, with the plugin's rule), services such as a provider's pipeline
   * filing its CI check by their token's access restrictions.
   */
  async announce(
    input: CalendarAnnouncement,
    credentials: BackstageCredentials,
  ) {
    await this.assertMayAnnounce(input.apiRef, credentials);
    const entry = await this.options.calendarStore.announce(
      input,
      this.byRef(credentials),
      new Date(),
    );
    await this.emit('created', entry.id);
    return entry;
  }

  private async announced(id: string, credentials: BackstageCredentials) {
    const entry = await this.options.calendarStore.get(id);
    if (!entry) throw new NotFoundError(`No calendar entry ${id}`);
    if (entry.origin !== 'announced') {
      throw new InputError(
        'Detected entries follow the spec history; only announced entries can be edited or cancelled',
      );
    }
    if (entry.cancelledAt) throw new InputError(`Entry ${id} was cancelled`);
    await this.assertMayAnnounce(entry.apiRef, credentials);
    return entry;
  }

  async update(
    id: string,
    input: CalendarAnnouncement,
    credentials: BackstageCredentials,
  ) {
    const before = await this.announced(id, credentials);
    if (input.apiRef !== before.apiRef) {
      throw new InputError(
        'An entry stays with its API; cancel it and announce another',
      );
    }
    const entry = await this.options.calendarStore.update(
      id,
      input,
      this.byRef(credentials),
      new Date(),
    );
    await this.emit('updated', id);
    return entry;
  }

  async cancel(id: string, credentials: BackstageCredentials) {
    await this.announced(id, credentials);
    const entry = await this.options.calendarStore.cancel(
      id,
      this.byRef(credentials),
      new Date(),
    );
    await this.emit('cancelled', id);
    return entry;
  }

  /**
   * Acknowledges an entry for one consumer, or withdraws that with a reason.
   * Only users the policy allows for the consumer's integration (its owners,
   * by the plugin's rules). Acknowledging twice keeps the first.
   */
  async acknowledge(
    request: {
      entryId: string;
      consumerRef: string;
      action: 'acknowledged' | 'withdrawn';
      note?: string;
    },
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<CalendarEntry> {
    const now = new Date();
    const stored = await this.options.calendarStore.get(request.entryId);
    const trails = await this.options.calendarStore.acknowledgements([
      request.entryId,
    ]);
    const [entry] = stored
      ? await this.withConsumers([stored], credentials, now, trails)
      : [];
    if (!entry) throw new NotFoundError(`No calendar entry ${request.entryId}`);
    const consumer = entry.consumers.find(
      c => c.consumerRef === request.consumerRef,
    );
    if (!consumer) {
      throw new NotFoundError(
        `${request.consumerRef} is not a consumer this entry reaches`,
      );
    }
    if (!consumer.canAcknowledge) {
      throw new NotAllowedError(
        entry.cancelledAt
          ? 'The entry was cancelled'
          : `Only the owners of ${request.consumerRef} may acknowledge for it`,
      );
    }
    if (request.action === 'withdrawn' && !request.note) {
      throw new InputError('Withdrawing an acknowledgement needs a reason');
    }
    const isAcknowledged = consumer.state === 'acknowledged';
    if ((request.action === 'acknowledged') !== isAcknowledged) {
      // The step is where the trail this decision was made on ends: of two
      // concurrent requests that saw the same, the database lets one in, and
      // the other answers what that one wrote.
      const added = await this.options.calendarStore.addAcknowledgement(
        entry.id,
        request.consumerRef,
        {
          action: request.action,
          byRef: credentials.principal.userEntityRef,
          at: now.toISOString(),
          note: request.note,
          scopeRevision: entry.scopeRevision,
        },
        nextStep(
          trails.get(ackKey(entry.id, request.consumerRef)),
          entry.scopeRevision,
        ),
      );
      if (added) await this.emit(request.action, entry.id);
    }
    const [after] = await this.withConsumers(
      [stored!],
      credentials,
      new Date(),
    );
    return after;
  }
}
