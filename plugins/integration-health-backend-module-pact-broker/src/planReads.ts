import { EvidenceSubject } from '@integration-health/plugin-integration-health-node';
import { SourceCursor } from '@integration-health/plugin-integration-health-node';
import { fingerprint, pairKey, PairsSeen } from './brokerCursor';
import { PactBrokerError } from './PactBrokerClient';

type Hal = Record<string, any>;

/** A broker integration's consumer and provider names, or a clear error. */
export function pairNames(pair: Hal): { consumer: string; provider: string } {
  const consumer = pair?.consumer?.name;
  const provider = pair?.provider?.name;
  if (typeof consumer !== 'string' || typeof provider !== 'string') {
    throw new PactBrokerError(
      'an integration in the broker names no consumer or provider',
    );
  }
  return { consumer, provider };
}

const subjectId = (s: EvidenceSubject) =>
  [s.consumerRef, s.providerRef, s.apiRef ?? ''].join(' ');

/**
 * Which broker integrations this sync reads. With the broker's dashboard and
 * the cursor of a recent full read, only the pairs whose fingerprint moved:
 * their latest pact or verification (the dashboard), what is deployed in
 * production on either side, the broker's status, or the catalog
 * integrations they stand for. Every pair otherwise, and the answer is then
 * complete: on the first sync, without a dashboard, once a pair is gone
 * from the broker (its mocks must go), and when the last full read is older
 * than the interval.
 */
export function planReads(options: {
  pairs: Hal[];
  /** Per pair key, what the dashboard lists; undefined without one. */
  dashboard: Map<string, string> | undefined;
  deployed: Map<string, string[]>;
  subjectsOf: (names: {
    consumer: string;
    provider: string;
  }) => EvidenceSubject[];
  /** The cursor of a full read younger than the interval, if any. */
  previous: SourceCursor<PairsSeen> | undefined;
  now: number;
}): {
  /** Each pair to read, with the catalog integrations it stands for. */
  toRead: { pair: Hal; subjects: EvidenceSubject[] }[];
  partial: boolean;
  cursor: SourceCursor<PairsSeen>;
} {
  const { dashboard, deployed, previous } = options;
  const current = new Map<string, string>();
  const keyed = options.pairs.map(pair => {
    const names = pairNames(pair);
    const key = pairKey(names.consumer, names.provider);
    const subjects = options.subjectsOf(names);
    if (dashboard && subjects.length > 0) {
      current.set(
        key,
        fingerprint([
          dashboard.get(key) ?? null,
          deployed.get(names.consumer) ?? [],
          deployed.get(names.provider) ?? [],
          pair.verificationStatus ?? null,
          pair._links?.['pb:latest-pact']?.href ?? null,
          subjects.map(subjectId).sort(),
        ]),
      );
    }
    return { pair, key, subjects };
  });
  const inBroker = new Set(keyed.map(({ key }) => key));
  const partial =
    dashboard !== undefined &&
    previous !== undefined &&
    Object.keys(previous.seen).every(key => inBroker.has(key));
  const toRead = partial
    ? keyed.filter(({ key }) => previous.seen[key] !== current.get(key))
    : keyed;
  return {
    toRead: toRead.map(({ pair, subjects }) => ({ pair, subjects })),
    partial,
    cursor: {
      fullReadAt: partial
        ? previous.fullReadAt
        : new Date(options.now).toISOString(),
      seen: Object.fromEntries(current),
    },
  };
}
