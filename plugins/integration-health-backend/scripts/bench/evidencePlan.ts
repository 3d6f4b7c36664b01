import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { seededRandom, SyntheticCatalog } from '../syntheticCatalog';

/** A consumer → provider integration through an API, named as the catalog names them. */
export type PlannedPair = {
  consumerRef: string;
  providerRef: string;
  apiRef: string;
  /** The provider's name in pacts: its pacticipant annotation, else its entity name. */
  providerPacticipant: string;
  consumerPacticipant: string;
  /** Whether the mock follows the provider's spec (some deliberately do not). */
  valid: boolean;
};

export type EvidencePlan = {
  /** Pairs the Pact Broker double has pacts and verifications for. */
  brokerPairs: PlannedPair[];
  /** Pairs a consumer keeps a mock file of, one file each. */
  filePairs: PlannedPair[];
  /** Annotations the catalog entities carry for the evidence sources, by entity ref. */
  annotations: Map<string, Record<string, string>>;
};

const nameOf = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/** Every consumer → provider pair through an API in the synthetic catalog. */
function apiPairs(entities: Entity[]) {
  const providerOf = new Map<string, string>();
  for (const e of entities) {
    for (const r of e.relations ?? []) {
      if (r.type === 'apiProvidedBy') {
        providerOf.set(stringifyEntityRef(e), r.targetRef);
      }
    }
  }
  const pairs: { consumerRef: string; providerRef: string; apiRef: string }[] =
    [];
  for (const e of entities) {
    if (e.kind !== 'Component') continue;
    for (const r of e.relations ?? []) {
      const providerRef = providerOf.get(r.targetRef);
      if (r.type === 'consumesApi' && providerRef) {
        pairs.push({
          consumerRef: stringifyEntityRef(e),
          providerRef,
          apiRef: r.targetRef,
        });
      }
    }
  }
  return pairs;
}

/**
 * Which integrations have evidence where: `brokerPairs` integrations in the
 * Pact Broker, `files` mock files kept by consumers (one per integration,
 * declared with the mocks annotation). Every tenth provider is known to the
 * broker by another name (the pacticipant annotation). About one mock in
 * four departs from the provider's spec. Deterministic.
 */
export function planEvidence(
  catalog: SyntheticCatalog,
  options: { brokerPairs: number; files: number },
): EvidencePlan {
  const random = seededRandom(11);
  const annotations = new Map<string, Record<string, string>>();
  const annotate = (ref: string, key: string, value: string) =>
    annotations.set(ref, { ...annotations.get(ref), [key]: value });

  const pacticipant = (ref: string) => {
    const index = Number(nameOf(ref).replace(/\D/g, ''));
    if (ref.startsWith('component:') && index % 10 === 5) {
      const name = `${nameOf(ref)}-service`;
      annotate(ref, 'integration-health.io/pact-pacticipant', name);
      return name;
    }
    return nameOf(ref);
  };
  const planned = (p: ReturnType<typeof apiPairs>[number]): PlannedPair => ({
    ...p,
    providerPacticipant: pacticipant(p.providerRef),
    consumerPacticipant: pacticipant(p.consumerRef),
    valid: random() >= 0.25,
  });

  const pairs = apiPairs(catalog.entities);
  // Spread over the whole organisation: every n-th pair.
  const every = (n: number, offset: number) => {
    const step = Math.max(1, Math.floor(pairs.length / n));
    const chosen = [];
    for (let i = offset; i < pairs.length && chosen.length < n; i += step) {
      chosen.push(pairs[i]);
    }
    return chosen;
  };
  const brokerPairs = every(options.brokerPairs, 0).map(planned);
  const filePairs = every(options.files, 1).map(planned);
  for (const consumerRef of new Set(filePairs.map(p => p.consumerRef))) {
    annotate(
      consumerRef,
      'integration-health.io/mocks',
      `dir:./mocks/${nameOf(consumerRef)}`,
    );
  }
  return { brokerPairs, filePairs, annotations };
}
