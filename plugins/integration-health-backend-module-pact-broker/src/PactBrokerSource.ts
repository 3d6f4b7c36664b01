import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CollectedEvidence,
  CollectedMocks,
  CollectedVerification,
  EvidenceSource,
  EvidenceSubject,
} from '@integration-health/plugin-integration-health-node';
import {
  decodeSourceCursor,
  DEFAULT_FULL_READ_INTERVAL_MS,
  encodeSourceCursor,
  mapConcurrently,
  Pacticipants,
} from '@integration-health/plugin-integration-health-node';
import { isPairsSeen, readDashboard } from './brokerCursor';
import { PactBrokerClient } from './PactBrokerClient';
import { pairNames, planReads } from './planReads';

const DEFAULT_CONCURRENCY = 8;

type Hal = Record<string, any>;

const enc = encodeURIComponent;

/** The broker's word on a pair besides the result, for the explanation. */
const STATUS_NOTES: Record<string, string> = {
  stale:
    'stale in the broker: the latest pact has changed since this verification',
  failed: 'failed in the broker',
  wip: 'pending in the broker (work in progress)',
  pending: 'pending in the broker',
};

/** The pact without the broker's HAL decoration. */
function pactContent(pact: Hal): Hal {
  const { _links, _embedded, createdAt, ...content } = pact;
  return content;
}

/**
 * Contract evidence from a Pact Broker (or PactFlow): for every broker
 * integration between catalog entities, the latest pact (checked as the
 * consumer's mocks), its latest verification with the broker's status, and
 * the verification of the pair deployed in production (the matrix). Between
 * full reads, only the integrations the broker's dashboard shows changed are
 * read (see planReads): a sync where nothing changed costs four requests.
 */
export class PactBrokerSource implements EvidenceSource {
  readonly id = 'pact-broker';

  constructor(
    private readonly options: {
      client: PactBrokerClient;
      catalog: CatalogService;
      auth: AuthService;
      productionEnvironment: string;
      /** Broker integrations read at once (default 8). */
      concurrency?: number;
      /**
       * Between syncs only changed pairs are read (see planReads); every
       * pair is read again once the last full read is this old (default a day).
       */
      fullReadIntervalMs?: number;
    },
  ) {}

  /** Version numbers currently deployed in production, per pacticipant. */
  private async deployedInProduction(
    signal: AbortSignal,
  ): Promise<Map<string, string[]>> {
    const { client, productionEnvironment } = this.options;
    const environments = await client.list(
      'environments',
      'environments',
      signal,
    );
    const production = environments.find(e => e.name === productionEnvironment);
    const deployed = new Map<string, string[]>();
    if (!production?.uuid) return deployed;
    const versions = await client.list(
      `environments/${enc(
        production.uuid,
      )}/deployed-versions/currently-deployed`,
      'deployedVersions',
      signal,
    );
    for (const version of versions) {
      const name = version._embedded?.pacticipant?.name;
      const number = version._embedded?.version?.number;
      if (typeof name === 'string' && typeof number === 'string') {
        deployed.set(name, [...(deployed.get(name) ?? []), number]);
      }
    }
    return deployed;
  }

  /** The verification of the production consumer and provider versions, from the matrix. */
  private async productionVerification(
    consumer: string,
    provider: string,
    deployed: Map<string, string[]>,
    signal: AbortSignal,
  ) {
    for (const consumerVersion of deployed.get(consumer) ?? []) {
      for (const providerVersion of deployed.get(provider) ?? []) {
        const matrix = await this.options.client.get(
          `matrix?q[][pacticipant]=${enc(consumer)}&q[][version]=${enc(
            consumerVersion,
          )}` +
            `&q[][pacticipant]=${enc(provider)}&q[][version]=${enc(
              providerVersion,
            )}&latestby=cvpv`,
          signal,
        );
        const row = (matrix?.matrix ?? []).find(
          (r: Hal) => r?.verificationResult,
        );
        if (row) {
          return {
            result: row.verificationResult.success
              ? ('passed' as const)
              : ('failed' as const),
            providerVersion,
            consumerVersion,
            environment: this.options.productionEnvironment,
            verifiedAt: row.verificationResult.verifiedAt,
            url: row.verificationResult._links?.self?.href,
            providerInProduction: true,
          };
        }
      }
    }
    return undefined;
  }

  async collect(options: {
    integrations: EvidenceSubject[];
    signal: AbortSignal;
    cursor?: string;
  }): Promise<CollectedEvidence> {
    const { client, catalog, auth } = this.options;
    const { signal } = options;
    const [pacticipants, deployed, pairs, dashboard] = await Promise.all([
      Pacticipants.load({ catalog, auth, integrations: options.integrations }),
      this.deployedInProduction(signal),
      client.list('integrations', 'integrations', signal),
      readDashboard(client, signal),
    ]);
    // The catalog integrations between two entities, found without a scan.
    const byPair = new Map<string, EvidenceSubject[]>();
    for (const i of options.integrations) {
      const key = `${i.consumerRef}\n${i.providerRef}`;
      const list = byPair.get(key);
      if (list) list.push(i);
      else byPair.set(key, [i]);
    }
    const subjectsOf = (names: { consumer: string; provider: string }) =>
      pacticipants
        .refsOf(names.consumer)
        .flatMap(consumerRef =>
          pacticipants
            .refsOf(names.provider)
            .flatMap(
              providerRef => byPair.get(`${consumerRef}\n${providerRef}`) ?? [],
            ),
        );
    const now = Date.now();
    const plan = planReads({
      pairs,
      dashboard,
      deployed,
      subjectsOf,
      previous: decodeSourceCursor(options.cursor, {
        isSeen: isPairsSeen,
        now,
        fullReadIntervalMs:
          this.options.fullReadIntervalMs ?? DEFAULT_FULL_READ_INTERVAL_MS,
      }),
      now,
    });
    // Each pair costs two or three requests: over a network they wait on
    // the broker, so several pairs are read at once.
    const found = await mapConcurrently(
      plan.toRead,
      this.options.concurrency ?? DEFAULT_CONCURRENCY,
      ({ pair, subjects }) =>
        this.collectPair(pair, subjects, deployed, signal),
    );
    return {
      verifications: found.flatMap(f => f.verifications),
      mocks: found.flatMap(f => f.mocks),
      partial: plan.partial,
      cursor: encodeSourceCursor(plan.cursor),
    };
  }

  /** The latest pact and verifications of one broker integration, for the catalog integrations it names. */
  private async collectPair(
    pair: Hal,
    subjects: EvidenceSubject[],
    deployed: Map<string, string[]>,
    signal: AbortSignal,
  ): Promise<{
    verifications: CollectedVerification[];
    mocks: CollectedMocks[];
  }> {
    const { client } = this.options;
    const verifications: CollectedVerification[] = [];
    const mocks: CollectedMocks[] = [];
    const { consumer, provider } = pairNames(pair);
    if (subjects.length === 0) return { verifications, mocks };

    const pactHref =
      pair._links?.['pb:latest-pact']?.href ??
      `pacts/provider/${enc(provider)}/consumer/${enc(consumer)}/latest`;
    const pact = await client.get(pactHref, signal);
    const consumerVersion = pact?._links?.['pb:consumer-version']?.name;
    const verificationHref =
      pact?._links?.['pb:latest-verification-results']?.href;
    const latest = verificationHref
      ? await client.get(verificationHref, signal)
      : undefined;
    const note = STATUS_NOTES[pair.verificationStatus];
    const found = [
      latest && typeof latest.providerApplicationVersion === 'string'
        ? {
            result: latest.success ? ('passed' as const) : ('failed' as const),
            providerVersion: latest.providerApplicationVersion,
            consumerVersion:
              typeof consumerVersion === 'string' ? consumerVersion : undefined,
            verifiedAt: latest.verificationDate,
            url: latest.buildUrl ?? latest._links?.self?.href,
            note,
          }
        : undefined,
      await this.productionVerification(consumer, provider, deployed, signal),
    ];
    for (const subject of subjects) {
      for (const verification of found) {
        if (
          verification &&
          !Number.isNaN(Date.parse(verification.verifiedAt))
        ) {
          verifications.push({
            subject,
            verification: { source: this.id, ...verification },
          });
        }
      }
      // Without a pact the pair has no mocks here any more.
      mocks.push({
        subject,
        documents: !pact
          ? []
          : [
              {
                name: `pact ${consumer} → ${provider}${
                  consumerVersion ? ` (consumer ${consumerVersion})` : ''
                }`,
                format: 'pact',
                content: pactContent(pact),
                url: pact._links?.self?.href,
                madeFromVersion: latest?.success
                  ? latest.providerApplicationVersion
                  : undefined,
              },
            ],
      });
    }
    return { verifications, mocks };
  }
}
