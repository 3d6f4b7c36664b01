import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ContractVerification } from '@integration-health/plugin-integration-health-common';

/**
 * An integration as a source sees it: its consumer, provider and API refs.
 *
 * @public
 */
export type EvidenceSubject = {
  consumerRef: string;
  providerRef: string;
  apiRef?: string;
};

/**
 * Evidence a source found for one integration.
 *
 * @public
 */
export type CollectedVerification = {
  subject: EvidenceSubject;
  verification: ContractVerification;
};

/**
 * One file of mocks as a consumer keeps it: a pact (HTTP interactions or
 * messages) or WireMock mappings (one mapping, or `{ "mappings": [...] }`).
 * `content` is the parsed JSON; the plugin validates it against the
 * provider's current spec on every sync.
 *
 * @public
 */
export type MockDocument = {
  /** As its owners know it, e.g. a path in the consumer's repository. */
  name: string;
  format: 'pact' | 'wiremock';
  content: unknown;
  url?: string;
  /** The provider spec version the mocks were made from, when recorded. */
  madeFromVersion?: string;
};

/**
 * All mocks a source knows of one integration. They replace what the same
 * source gave before for that integration; an integration the source no
 * longer mentions loses that source's mocks.
 *
 * @public
 */
export type CollectedMocks = {
  subject: EvidenceSubject;
  documents: MockDocument[];
};

/**
 * What a source found on one sync.
 *
 * @public
 */
export type CollectedEvidence = {
  verifications?: CollectedVerification[];
  /** Omit to leave this source's mocks as they are. */
  mocks?: CollectedMocks[];
  /**
   * Parts the source could not read this time (a consumer's mock location
   * unreachable, a file that is not JSON). The source is then marked stale
   * with these errors, and the mocks of integrations it did not mention stay
   * as they were.
   */
  errors?: string[];
  /**
   * Where the source got to, saved once this answer is recorded and given
   * back as `cursor` on the next sync (on any replica): for example what it
   * last saw of each integration, so that the next answer covers only what
   * changed. Opaque to the plugin. An answer without one keeps the saved
   * cursor; a source that throws keeps it too.
   */
  cursor?: string;
  /**
   * True when the answer covers only the integrations whose evidence changed
   * since `cursor`: the mocks of integrations it does not mention then stay
   * as they are, even without errors. An integration whose mocks are gone is
   * mentioned with no documents.
   */
  partial?: boolean;
};

/**
 * A place contract evidence comes from (a Pact Broker, pact files, a test
 * report store). Called on each sync with the current integrations; what it
 * returns is recorded once (the same verification twice is kept once); a
 * list is read as verifications alone. A source that throws, times out or
 * answers garbage is marked stale, reported on the sync run, and the
 * evidence it gave before is kept.
 *
 * @public
 */
export interface EvidenceSource {
  /** Stable id, recorded with each piece of evidence, e.g. `pact-broker`. */
  id: string;
  /**
   * Answers the evidence for the current integrations; `signal` aborts when
   * the source's time on this sync is up.
   */
  collect(options: {
    integrations: EvidenceSubject[];
    signal: AbortSignal;
    /** The cursor the source's last recorded answer gave, if any. */
    cursor?: string;
  }): Promise<CollectedVerification[] | CollectedEvidence>;
}

/**
 * Lets a backend module add an evidence source without touching the plugin.
 *
 * @public
 */
export interface IntegrationHealthEvidenceExtensionPoint {
  /** Adds a source that every sync asks for evidence. */
  addSource(source: EvidenceSource): void;
}

/**
 * The extension point that adds evidence sources to the Integration Health
 * backend.
 *
 * @public
 */
export const integrationHealthEvidenceExtensionPoint =
  createExtensionPoint<IntegrationHealthEvidenceExtensionPoint>({
    id: 'integration-health.evidence',
  });
