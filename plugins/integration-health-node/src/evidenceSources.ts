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
 * A place contract evidence comes from (a Pact Broker, pact files, a test
 * report store). Called on each sync with the current integrations; what it
 * returns is recorded once (the same verification twice is kept once). A
 * source that throws or times out is reported on the sync run and the
 * evidence it gave before is kept.
 *
 * @public
 */
export interface EvidenceSource {
  /** Stable id, recorded with each piece of evidence, e.g. `pact-broker`. */
  id: string;
  collect(options: {
    integrations: EvidenceSubject[];
    signal: AbortSignal;
  }): Promise<CollectedVerification[]>;
}

/**
 * Lets a backend module add an evidence source without touching the plugin.
 *
 * @public
 */
export interface IntegrationHealthEvidenceExtensionPoint {
  addSource(source: EvidenceSource): void;
}

/**
 * @public
 */
export const integrationHealthEvidenceExtensionPoint =
  createExtensionPoint<IntegrationHealthEvidenceExtensionPoint>({
    id: 'integration-health.evidence',
  });
