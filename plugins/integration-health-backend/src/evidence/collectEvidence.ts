import { LoggerService } from '@backstage/backend-plugin-api';
import { SyncRunEntityError } from '@integration-health/plugin-integration-health-common';
import { EvidenceSource } from '@integration-health/plugin-integration-health-node';
import { EvidenceStore } from '../database/EvidenceStore';
import {
  integrationId,
  ObservedIntegration,
} from '../database/IntegrationStore';

export type CollectEvidenceResult = {
  recorded: number;
  unmatched: number;
  errors: SyncRunEntityError[];
};

function withTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  return Promise.race([work(controller.signal), timeout]).finally(() =>
    clearTimeout(timer),
  );
}

/**
 * Asks every evidence source about the current integrations and records
 * what they found. A source that fails or times out is reported as an error
 * of the run; what it gave before stays.
 */
export async function collectEvidence(options: {
  sources: EvidenceSource[];
  integrations: ObservedIntegration[];
  evidenceStore: EvidenceStore;
  logger: LoggerService;
  timeoutMs: number;
  now: Date;
}): Promise<CollectEvidenceResult> {
  const { sources, integrations, evidenceStore, logger, timeoutMs, now } =
    options;
  const known = new Set(
    integrations.map(i =>
      integrationId(i.consumerRef, i.providerRef, i.apiRef),
    ),
  );
  const subjects = integrations.map(i => ({
    consumerRef: i.consumerRef,
    providerRef: i.providerRef,
    apiRef: i.apiRef,
  }));
  const result: CollectEvidenceResult = {
    recorded: 0,
    unmatched: 0,
    errors: [],
  };

  for (const source of sources) {
    try {
      const found = await withTimeout(
        signal => source.collect({ integrations: subjects, signal }),
        timeoutMs,
      );
      if (!Array.isArray(found)) {
        throw new Error('it did not answer with a list of verifications');
      }
      for (const { subject, verification } of found) {
        const id = integrationId(
          subject.consumerRef,
          subject.providerRef,
          subject.apiRef,
        );
        if (!known.has(id)) {
          result.unmatched++;
          continue;
        }
        if (
          await evidenceStore.addVerification(
            id,
            { ...verification, source: source.id },
            now,
          )
        ) {
          result.recorded++;
        }
      }
    } catch (error) {
      const message = `Evidence source ${source.id} failed: ${
        error instanceof Error ? error.message : String(error)
      }; its earlier evidence is kept`;
      logger.warn(message);
      result.errors.push({
        entityRef: `evidence-source:${source.id}`,
        code: 'evidence-source-failed',
        message,
      });
    }
  }
  return result;
}
