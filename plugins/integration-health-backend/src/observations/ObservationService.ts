import {
  BackstageCredentials,
  BackstageServicePrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityObservations,
  EvidenceSourceStatus,
  Integration,
  ObservedEdge,
  observationsPushPermission,
  SyncRunEntityError,
} from '@integration-health/plugin-integration-health-common';
import { ObservationSource } from '@integration-health/plugin-integration-health-node';
import { ObservationsConfig } from '../config';
import { EvidenceSourceStore } from '../evidence/EvidenceSourceStore';
import { pushSourceId } from '../evidence/pushSourceId';
import { redactReason } from '../evidence/redactReason';
import { withTimeout } from '../evidence/withTimeout';
import { CatalogVisibility } from '../integrations/CatalogVisibility';
import { IntegrationStore } from '../integrations/IntegrationStore';
import { CatalogSnapshot } from '../integrations/sync/catalogSnapshot';
import { ObservationStore, StoredObservation } from './ObservationStore';
import {
  ObservationCounts,
  ObservationCountStore,
} from './ObservationCountStore';
import { summarizeObservedEdges } from './summarizeObservedEdges';
import {
  IntegrationTraffic,
  IntegrationTrafficStore,
} from './IntegrationTrafficStore';
import { observedEdges } from './observedEdges';
import { readObservations } from './readObservations';
import { telemetryNamesOf } from './telemetryNames';

/**
 * What telemetry observed: collected from the observation sources on each
 * sync (or pushed), matched to catalog entities by telemetry name, and
 * compared per entity with what the catalog declares.
 */
export class ObservationService {
  private readonly visibility: CatalogVisibility;
  private readonly registeredSourceIds: ReadonlySet<string>;

  constructor(
    private readonly options: {
      sources: ObservationSource[];
      store: ObservationStore;
      countStore?: ObservationCountStore;
      trafficStore?: IntegrationTrafficStore;
      sourceStore: EvidenceSourceStore;
      integrationStore: IntegrationStore;
      catalog: CatalogService;
      permissions: PermissionsService;
      config: ObservationsConfig;
      logger: LoggerService;
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
    this.registeredSourceIds = new Set(options.sources.map(s => s.id));
  }

  /**
   * The sync's step: telemetry names from the catalog just read, then what
   * each source saw. A source that fails, times out or answers garbage is
   * stale, reported on the run, and what it saw before is kept.
   */
  async sync(
    snapshot: Pick<CatalogSnapshot, 'entities'>,
    now: Date,
  ): Promise<{ recorded: number; errors: SyncRunEntityError[] }> {
    const { store, sourceStore, sources, config, logger } = this.options;
    await store.replaceNames(telemetryNamesOf(snapshot));
    const errors: SyncRunEntityError[] = [];
    let recorded = 0;
    for (const source of sources) {
      const report = (message: string) => {
        logger.warn(message);
        errors.push({
          entityRef: `observation-source:${source.id}`,
          code: 'observation-source-failed',
          message,
        });
      };
      try {
        const answer = readObservations(
          await withTimeout(
            signal => source.collect({ signal }),
            config.sourceTimeoutSeconds * 1000,
          ),
          now,
        );
        await store.record(source.id, answer, config);
        recorded += answer.calls.length;
        for (const error of answer.errors) {
          report(`Observation source ${source.id}: ${error}`);
        }
        await sourceStore.recordAttempt(
          source.id,
          now,
          answer.errors.length ? answer.errors.join('; ') : undefined,
        );
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        report(
          `Observation source ${source.id} failed: ${reason}; what it saw before is kept`,
        );
        await sourceStore.recordAttempt(source.id, now, reason);
      }
    }
    return { recorded, errors };
  }

  /**
   * The day's undeclared and not-observed edges counted per entity, team,
   * system and domain, for the scorecard, and whether traffic was seen on
   * each declared integration, for the calendar: over every entity
   * telemetry saw, against the integrations stored for the catalog just
   * read. Nothing is counted while no observation source exists.
   */
  async snapshotCounts(
    snapshot: CatalogSnapshot,
    now: Date,
  ): Promise<ObservationCounts | undefined> {
    const { store, countStore, trafficStore, integrationStore } = this.options;
    const sources = await this.listSources();
    if (!countStore || sources.length === 0) return undefined;
    const refsOfName = await store.refsOfNames(await store.observedNames());
    const refs = [...new Set([...refsOfName.values()].flat())];
    const edges = await this.edgesOf(
      refs,
      await integrationStore.listTouching(refs),
      now,
      sources,
    );
    const { bySubject, total, traffic } = summarizeObservedEdges(
      edges,
      snapshot,
    );
    await countStore.saveDay(now.toISOString().slice(0, 10), bySubject, total);
    await trafficStore?.replaceAll(traffic);
    return total;
  }

  /**
   * Where the sources that saw an integration's traffic show it over a time
   * range (its failure rate, its failed traces), for incident pages: one
   * link per source and edge the source saw, for sources that have such a
   * place.
   */
  async linksFor(
    integration: Pick<Integration, 'consumerRef' | 'providerRef'>,
    range: { from: Date; to: Date },
  ): Promise<{ source: string; url: string }[]> {
    const { sources, store } = this.options;
    const linking = sources.filter(source => source.linkTo);
    if (linking.length === 0) return [];
    const names = await store.namesOfRefs([
      integration.consumerRef,
      integration.providerRef,
    ]);
    const consumer = names.get(integration.consumerRef) ?? [];
    const provider = names.get(integration.providerRef) ?? [];
    // Calls and database access go from consumer to provider; messages from
    // the provider (producer) to the consumer.
    const edges = (await store.listInvolving(consumer)).filter(row =>
      row.connectionType === 'messaging_system'
        ? provider.includes(row.client) && consumer.includes(row.server)
        : consumer.includes(row.client) && provider.includes(row.server),
    );
    const links = new Map<string, { source: string; url: string }>();
    for (const source of linking) {
      for (const edge of edges.filter(e => e.source === source.id)) {
        const url = source.linkTo!(
          {
            client: edge.client,
            server: edge.server,
            connectionType: edge.connectionType,
          },
          range,
        );
        if (url && /^https?:\/\//i.test(url)) {
          links.set(url, { source: source.id, url });
        }
      }
    }
    return [...links.values()];
  }

  /**
   * Whether traffic was seen on these integrations as of the last full
   * sync; those telemetry cannot see are left out.
   */
  async trafficOf(
    integrationIds: string[],
  ): Promise<Map<string, IntegrationTraffic>> {
    return (
      (await this.options.trafficStore?.trafficOf(integrationIds)) ?? new Map()
    );
  }

  /**
   * The telemetry names of entities the catalog announced as changed
   * (`refs`; those not in `entities` are gone), between full syncs.
   */
  async syncNamesOf(
    refs: string[],
    entities: Pick<CatalogSnapshot, 'entities'>,
  ): Promise<void> {
    const wanted = new Set(refs);
    const names = telemetryNamesOf({
      entities: new Map(
        [...entities.entities].filter(([ref]) => wanted.has(ref)),
      ),
    });
    await this.options.store.replaceNamesOf(refs, names);
  }

  /**
   * Observations a pipeline or exporter pushes, stored under the token's
   * subject (and `/label`), once the permission framework allows it.
   */
  async push(
    credentials: BackstageCredentials<BackstageServicePrincipal>,
    label: string | undefined,
    body: unknown,
    now: Date,
  ): Promise<{ source: string; recorded: number; errors: string[] }> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission: observationsPushPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Not allowed to push observations');
    }
    const source = pushSourceId(
      credentials.principal,
      label,
      this.registeredSourceIds,
    );
    const answer = readObservations(body, now);
    await this.options.store.record(source, answer, this.options.config);
    await this.options.sourceStore.recordAttempt(
      source,
      now,
      answer.errors.length ? answer.errors.join('; ') : undefined,
    );
    return { source, recorded: answer.calls.length, errors: answer.errors };
  }

  /**
   * What telemetry saw around an entity against what the catalog declares,
   * as the caller may see it: edges to entities it cannot read are left out.
   */
  async forEntity(
    entityRef: string,
    credentials: BackstageCredentials,
    now = new Date(),
  ): Promise<EntityObservations> {
    const { store, integrationStore } = this.options;
    await this.visibility.assertVisible(entityRef, credentials);
    const [names, { upstream, downstream }, sources] = await Promise.all([
      store.namesOf(entityRef),
      integrationStore.listForEntity(entityRef),
      this.listSources(),
    ]);
    const declared = await this.visibility.visibleIntegrations(
      [...upstream, ...downstream],
      credentials,
    );
    const edges =
      (await this.edgesOf([entityRef], declared, now, sources)).get(
        entityRef,
      ) ?? [];
    const visible = await this.visibility.visibleRefs(
      edges.flatMap(e => (e.counterpartRef ? [e.counterpartRef] : [])),
      credentials,
    );
    return {
      entityRef,
      telemetryNames: names,
      sources,
      edges: edges.filter(
        e => e.counterpartRef === undefined || visible.has(e.counterpartRef),
      ),
    };
  }

  /**
   * The observed edges of several entities at once, each against the
   * declared integrations it is on (of those given), with no visibility
   * check: callers filter counterparts for the caller.
   */
  async edgesOf(
    entityRefs: string[],
    declared: Integration[],
    now: Date,
    sources?: EvidenceSourceStatus[],
  ): Promise<Map<string, ObservedEdge[]>> {
    const { store, config } = this.options;
    const namesOfRef = await store.namesOfRefs(entityRefs);
    const observations = await store.listInvolving([
      ...new Set([...namesOfRef.values()].flat()),
    ]);
    const refsOfName = await store.refsOfNames([
      ...new Set(observations.flatMap(o => [o.client, o.server])),
    ]);
    // Which sides of the declared integrations telemetry has seen at all.
    const sideRefs = [
      ...new Set(declared.flatMap(i => [i.consumerRef, i.providerRef])),
    ].filter(ref => !ref.startsWith('api:'));
    const namesOfSide = await store.namesOfRefs(sideRefs);
    const seen = await store.seenNames([
      ...new Set([...namesOfSide.values()].flat()),
    ]);
    const seenRefs = new Set(
      sideRefs.filter(ref =>
        (namesOfSide.get(ref) ?? []).some(name => seen.has(name)),
      ),
    );
    const windowStart = new Date(
      now.getTime() - config.notObservedDays * 86_400_000,
    ).toISOString();
    const observing = (sources ?? (await this.listSources())).some(
      s => s.lastSuccessAt !== undefined && s.lastSuccessAt >= windowStart,
    );
    const rowsOfName = new Map<string, StoredObservation[]>();
    for (const row of observations) {
      for (const name of new Set([row.client, row.server])) {
        rowsOfName.set(name, [...(rowsOfName.get(name) ?? []), row]);
      }
    }
    const result = new Map<string, ObservedEdge[]>();
    for (const entityRef of entityRefs) {
      const names = namesOfRef.get(entityRef) ?? [];
      result.set(
        entityRef,
        observedEdges({
          entityRef,
          names,
          observations: [
            ...new Set(names.flatMap(name => rowsOfName.get(name) ?? [])),
          ],
          refsOfName,
          declared: declared.filter(
            i =>
              i.consumerRef === entityRef ||
              i.providerRef === entityRef ||
              i.apiRef === entityRef,
          ),
          seenRefs,
          observing,
          notObservedDays: config.notObservedDays,
          now,
        }),
      );
    }
    return result;
  }

  /** Every observation source, stale ones with their last error, redacted. */
  async listSources(): Promise<EvidenceSourceStatus[]> {
    const sources = await this.options.sourceStore.listSources();
    return sources.map(source => ({
      ...source,
      lastError: source.lastError && redactReason(source.lastError),
    }));
  }
}
