import {
  contractFreshness,
  ContractVerification,
  Integration,
  ScoreConfig,
  SpecChange,
  SpecVersion,
  SyncRunEntityError,
} from '@integration-health/plugin-integration-health-common';
import { SpecWorkerPool } from '../../specs/worker/SpecWorkerPool';
import { EvidenceStore } from '../EvidenceStore';
import { ScoresToSave, ScoreStore } from './ScoreStore';
import { MockStore, StoredMockDocument } from '../MockStore';
import { SpecStore } from '../../specs/SpecStore';
import { MockChecker } from '../mocks/checkMocks';
import { changesSince } from './changesSince';
import { mockScore } from './mockScore';
import { scoreInputsKey } from './scoreInputsKey';

/** Integrations whose evidence is read, and scores saved, together. */
const SCORE_CHUNK = 100;

/** The other APIs through which the same consumer uses the same provider, per integration. */
function siblingsByIntegration(
  integrations: Integration[],
): Map<string, string[]> {
  const pair = (i: Integration) => `${i.consumerRef}\n${i.providerRef}`;
  const apisByPair = new Map<string, string[]>();
  for (const i of integrations) {
    if (!i.apiRef) continue;
    apisByPair.set(pair(i), [...(apisByPair.get(pair(i)) ?? []), i.apiRef]);
  }
  return new Map(
    integrations.map(i => [
      i.id,
      (apisByPair.get(pair(i)) ?? []).filter(ref => ref !== i.apiRef),
    ]),
  );
}

/** What one run reads once per API, however many consumers it has. */
class RunCache {
  private readonly histories = new Map<string, Promise<SpecVersion[]>>();
  private readonly checkers = new Map<
    string,
    Promise<MockChecker | Error | undefined>
  >();
  private readonly changes = new Map<string, Promise<SpecChange[]>>();

  constructor(
    private readonly specStore: SpecStore,
    private readonly specs: SpecWorkerPool,
  ) {}

  versionsOf(apiRef: string): Promise<SpecVersion[]> {
    if (!this.histories.has(apiRef)) {
      this.histories.set(apiRef, this.specStore.listVersions(apiRef));
    }
    return this.histories.get(apiRef)!;
  }

  changesOf(version: SpecVersion): Promise<SpecChange[]> {
    if (!this.changes.has(version.id)) {
      this.changes.set(
        version.id,
        this.specStore
          .listChanges(version.apiRef, version.id)
          .then(c => c ?? []),
      );
    }
    return this.changes.get(version.id)!;
  }

  /** A checker for the API's current spec, built once per run. */
  checkerOf(current: SpecVersion | undefined) {
    if (!current) return Promise.resolve(undefined);
    if (!this.checkers.has(current.id)) {
      this.checkers.set(
        current.id,
        this.specStore.getDefinition(current.id).then(async text => {
          if (text === undefined) return undefined;
          try {
            // Parsed in a spec worker: the document may be large or hostile.
            return new MockChecker({
              ...(await this.specs.load(text)),
              version: current.versionLabel,
            });
          } catch (error) {
            return error as Error;
          }
        }),
      );
    }
    return this.checkers.get(current.id)!;
  }
}

/**
 * Computes each integration's contract and mock freshness from its stored
 * evidence and the provider's spec history, and stores them (which also
 * writes the day's snapshot).
 */
export class ScoreService {
  constructor(
    private readonly options: {
      evidenceStore: EvidenceStore;
      scoreStore: ScoreStore;
      mockStore: MockStore;
      specStore: SpecStore;
      specs: SpecWorkerPool;
      config: ScoreConfig;
    },
  ) {}

  /** Integrations with verifications or mocks; the others' scores are unknown. */
  async integrationIdsWithEvidence(): Promise<string[]> {
    const [verified, mocked] = await Promise.all([
      this.options.evidenceStore.integrationIdsWithEvidence(),
      this.options.mockStore.integrationIdsWithMocks(),
    ]);
    return [...new Set([...verified, ...mocked])];
  }

  /** Checkers of the current specs of these APIs, where they can be checked against. */
  private async checkersOf(apiRefs: string[], cache: RunCache) {
    const checkers: MockChecker[] = [];
    for (const apiRef of apiRefs) {
      const checker = await cache.checkerOf(
        (
          await cache.versionsOf(apiRef)
        )[0],
      );
      if (checker instanceof MockChecker) checkers.push(checker);
    }
    return checkers;
  }

  /**
   * Scores one integration. `siblingApiRefs` are the other APIs through
   * which the same consumer uses the same provider: a document mocking
   * several of them is judged per API.
   */
  async compute(
    integration: Integration,
    now: Date,
    cache = new RunCache(this.options.specStore, this.options.specs),
    siblingApiRefs: string[] = [],
    inputsKey?: string,
  ) {
    const [verifications, documents] = await Promise.all([
      this.options.evidenceStore.latestVerifications(integration.id),
      this.options.mockStore.listMocks(integration.id),
    ]);
    const scores = await this.scoresOf(
      integration,
      { verifications, documents },
      now,
      cache,
      siblingApiRefs,
    );
    await this.options.scoreStore.saveScores(
      integration.id,
      scores,
      now,
      inputsKey,
    );
    return scores;
  }

  /** One integration's scores from its evidence, without saving them. */
  private async scoresOf(
    integration: Integration,
    evidence: {
      verifications: ContractVerification[];
      documents: StoredMockDocument[];
    },
    now: Date,
    cache: RunCache,
    siblingApiRefs: string[],
  ) {
    const { config } = this.options;
    const { verifications, documents } = evidence;
    const versions = integration.apiRef
      ? await cache.versionsOf(integration.apiRef)
      : [];
    const newestPassed = verifications
      .filter(v => v.result === 'passed')
      .sort((a, b) => Date.parse(b.verifiedAt) - Date.parse(a.verifiedAt))[0];
    // Without a deployment source, the catalog's current definition is
    // taken as what production runs.
    const current = versions[0]?.versionLabel;
    return {
      contract: contractFreshness(
        {
          verifications,
          staticChecks: [],
          providerVersionInProduction: current,
          changesSinceVerified: newestPassed
            ? changesSince(versions, newestPassed.providerVersion)
            : 'unknown',
          now,
        },
        config.contract,
      ),
      mock: await mockScore({
        documents,
        checker:
          documents.length > 0 ? await cache.checkerOf(versions[0]) : undefined,
        others:
          documents.length > 0
            ? await this.checkersOf(siblingApiRefs, cache)
            : [],
        versions,
        changesOf: version => cache.changesOf(version),
        config: config.mock,
        now,
      }),
    };
  }

  /**
   * Scores every integration; one whose scoring fails (a mock the checker
   * chokes on) is reported, and the others are still scored. `inputsKeys`
   * are stored with the scores, when given; `among` are the integrations
   * whose APIs count as siblings (defaults to those scored). Evidence is
   * read and scores saved a hundred integrations at a time.
   */
  async computeAll(
    integrations: Integration[],
    now: Date,
    options: { inputsKeys?: Map<string, string>; among?: Integration[] } = {},
  ): Promise<{ scored: number; errors: SyncRunEntityError[] }> {
    const { inputsKeys, among = integrations } = options;
    const { evidenceStore, mockStore, scoreStore } = this.options;
    const cache = new RunCache(this.options.specStore, this.options.specs);
    const siblings = siblingsByIntegration(among);
    let scored = 0;
    const errors: SyncRunEntityError[] = [];
    for (let i = 0; i < integrations.length; i += SCORE_CHUNK) {
      const chunk = integrations.slice(i, i + SCORE_CHUNK);
      const ids = chunk.map(integration => integration.id);
      const [verifications, documents] = await Promise.all([
        evidenceStore.latestVerificationsOf(ids),
        mockStore.listMocksOf(ids),
      ]);
      const toSave: ScoresToSave[] = [];
      for (const integration of chunk) {
        try {
          toSave.push({
            integrationId: integration.id,
            scores: await this.scoresOf(
              integration,
              {
                verifications: verifications.get(integration.id) ?? [],
                documents: documents.get(integration.id) ?? [],
              },
              now,
              cache,
              siblings.get(integration.id) ?? [],
            ),
            inputsKey: inputsKeys?.get(integration.id),
          });
        } catch (error) {
          errors.push({
            entityRef: integration.consumerRef,
            code: 'scores-failed',
            message: `The scores of ${integration.consumerRef} → ${
              integration.providerRef
            }${
              integration.apiRef ? ` (${integration.apiRef})` : ''
            } could not be computed: ${
              (error as Error).message
            }; the earlier scores are kept`,
          });
        }
      }
      await scoreStore.saveScoresMany(toSave, now);
      scored += toSave.length;
    }
    return { scored, errors };
  }

  /** What each integration's scores would be computed from now. */
  async inputsKeys(
    integrations: Integration[],
    now: Date,
  ): Promise<Map<string, string>> {
    const { scoreStore, specStore, config } = this.options;
    const siblings = siblingsByIntegration(integrations);
    const apiRefs = new Set(
      integrations.flatMap(i => (i.apiRef ? [i.apiRef] : [])),
    );
    const [evidence, specs] = await Promise.all([
      scoreStore.evidenceStamps(integrations.map(i => i.id)),
      specStore.versionStamps([...apiRefs]),
    ]);
    const day = now.toISOString().slice(0, 10);
    const configKey = JSON.stringify(config);
    return new Map(
      integrations.map(i => [
        i.id,
        scoreInputsKey({
          day,
          config: configKey,
          apiRef: i.apiRef,
          siblingApiRefs: siblings.get(i.id) ?? [],
          evidence: evidence.get(i.id),
          specs,
        }),
      ]),
    );
  }

  /**
   * A stamp of every input of every integration's scores, the day and the
   * configuration: while it stays the same, `computeChanged` would score
   * nothing.
   */
  async inputsWatermark(now: Date): Promise<string> {
    return JSON.stringify([
      now.toISOString().slice(0, 10),
      this.options.config,
      await this.options.scoreStore.inputsWatermark(),
    ]);
  }

  /**
   * Scores the integrations whose scores were computed from other inputs
   * than they have now: new evidence or mocks, a new spec version of their
   * API (or of another API between the same consumer and provider), another
   * configuration, a new day (age moves scores), or no key stored (new, or
   * scored outside a sync). The others keep their scores: computing them
   * again would give the same.
   */
  async computeChanged(
    integrations: Integration[],
    now: Date,
  ): Promise<{
    scored: number;
    unchanged: number;
    /** Those whose inputs moved, scored now (or reported in `errors`). */
    changed: Integration[];
    errors: SyncRunEntityError[];
  }> {
    const [keys, stored] = await Promise.all([
      this.inputsKeys(integrations, now),
      this.options.scoreStore.getInputKeys(integrations.map(i => i.id)),
    ]);
    const changed = integrations.filter(
      i => stored.get(i.id) !== keys.get(i.id),
    );
    const result = await this.computeAll(changed, now, {
      inputsKeys: keys,
      among: integrations,
    });
    return {
      ...result,
      changed,
      unchanged: integrations.length - changed.length,
    };
  }
}
