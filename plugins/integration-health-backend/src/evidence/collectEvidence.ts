import { LoggerService } from '@backstage/backend-plugin-api';
import { SyncRunEntityError } from '@integration-health/plugin-integration-health-common';
import {
  CollectedEvidence,
  CollectedVerification,
  EvidenceSource,
} from '@integration-health/plugin-integration-health-node';
import { httpUrl } from '../http/httpUrl';
import {
  idOfIntegration,
  integrationId,
  ObservedIntegration,
} from '../integrations/IntegrationStore';
import { EvidenceSourceStore } from './EvidenceSourceStore';
import { EvidenceStore } from './EvidenceStore';
import { IntegrationMocks, MockStore } from './MockStore';
import { readSourceAnswer } from './readSourceAnswer';
import { withTimeout } from './withTimeout';

/** Where collected evidence lands. */
export type EvidenceStores = {
  evidenceStore: EvidenceStore;
  mockStore: MockStore;
  sourceStore: EvidenceSourceStore;
};

/**
 * A link a source reported, kept only when it is an http(s) URL: the UI
 * renders it as a link. Anything else is dropped and said.
 */
function safeLink(
  url: unknown,
  what: string,
  dropped: string[],
): string | undefined {
  if (url === undefined || url === null) return undefined;
  if (httpUrl.safeParse(url).success) return url as string;
  dropped.push(`${what}: its link is not an http(s) URL and was dropped`);
  return undefined;
}

export type CollectEvidenceResult = {
  recorded: number;
  mockDocuments: number;
  unmatched: number;
  errors: SyncRunEntityError[];
};

/** Groups a source's mocks by known integration; oversized documents are problems. */
function mocksByIntegration(
  mocks: NonNullable<CollectedEvidence['mocks']>,
  known: Set<string>,
  maxDocumentBytes: number,
) {
  const byId = new Map<string, IntegrationMocks>();
  const problems: string[] = [];
  let unmatched = 0;
  for (const { subject, documents } of mocks) {
    const id = integrationId(
      subject.consumerRef,
      subject.providerRef,
      subject.apiRef,
    );
    if (!known.has(id)) {
      unmatched++;
      continue;
    }
    const oversized = documents.find(
      d => JSON.stringify(d.content ?? null).length > maxDocumentBytes,
    );
    if (oversized) {
      problems.push(
        `${subject.consumerRef} → ${subject.providerRef}: mock document ${oversized.name} is larger than ${maxDocumentBytes} bytes; the earlier mocks are kept`,
      );
      continue;
    }
    const entry = byId.get(id) ?? { integrationId: id, documents: [] };
    entry.documents.push(...documents);
    byId.set(id, entry);
  }
  return { mocks: [...byId.values()], problems, unmatched };
}

/** Why a source's verification cannot be recorded, if it cannot. */
function invalidVerification(
  verification: CollectedVerification['verification'],
): string | undefined {
  if (verification.result !== 'passed' && verification.result !== 'failed') {
    return `its result ${JSON.stringify(
      verification.result,
    )} is neither passed nor failed`;
  }
  if (typeof verification.providerVersion !== 'string') {
    return 'it names no provider version';
  }
  if (
    typeof verification.verifiedAt !== 'string' ||
    Number.isNaN(Date.parse(verification.verifiedAt))
  ) {
    return `its verifiedAt ${JSON.stringify(
      verification.verifiedAt,
    )} is not a date`;
  }
  return undefined;
}

/**
 * Asks every evidence source about the current integrations and records
 * what they found: verifications are added, mocks replace the source's
 * earlier mocks. A source that fails, times out or answers garbage is marked
 * stale and reported on the run; what it gave before stays. A source that
 * answers with errors for some parts is marked stale with those errors, and
 * only the parts it answered are replaced; so are they when the source
 * says its answer is partial (only what changed since its cursor).
 */
export async function collectEvidence(options: {
  sources: EvidenceSource[];
  integrations: ObservedIntegration[];
  stores: EvidenceStores;
  logger: LoggerService;
  timeoutMs: number;
  maxMockDocumentBytes: number;
  now: Date;
}): Promise<CollectEvidenceResult> {
  const { sources, integrations, stores, logger, timeoutMs, now } = options;
  const known = new Set(integrations.map(i => idOfIntegration(i)));
  const subjects = integrations.map(i => ({
    consumerRef: i.consumerRef,
    providerRef: i.providerRef,
    apiRef: i.apiRef,
  }));
  const result: CollectEvidenceResult = {
    recorded: 0,
    mockDocuments: 0,
    unmatched: 0,
    errors: [],
  };
  const report = (source: string, message: string) => {
    logger.warn(message);
    result.errors.push({
      entityRef: `evidence-source:${source}`,
      code: 'evidence-source-failed',
      message,
    });
  };

  for (const source of sources) {
    try {
      const cursor = await stores.sourceStore.getCursor(source.id);
      const answer = readSourceAnswer(
        await withTimeout(
          signal => source.collect({ integrations: subjects, signal, cursor }),
          timeoutMs,
        ),
      );
      const droppedLinks: string[] = [];
      const verifications: Parameters<EvidenceStore['addVerifications']>[0] =
        [];
      for (const { subject, verification } of answer.verifications ?? []) {
        const id = integrationId(
          subject.consumerRef,
          subject.providerRef,
          subject.apiRef,
        );
        if (!known.has(id)) {
          result.unmatched++;
          continue;
        }
        const invalid = invalidVerification(verification);
        if (invalid) {
          droppedLinks.push(
            `a verification of ${subject.consumerRef} → ${subject.providerRef} was left out: ${invalid}`,
          );
          continue;
        }
        verifications.push({
          integrationId: id,
          verification: {
            ...verification,
            url: safeLink(
              verification.url,
              `verification of ${subject.consumerRef} → ${subject.providerRef}`,
              droppedLinks,
            ),
            source: source.id,
          },
        });
      }
      result.recorded += await stores.evidenceStore.addVerifications(
        verifications,
        now,
      );
      const problems = [...(answer.errors ?? [])];
      if (answer.mocks) {
        const grouped = mocksByIntegration(
          answer.mocks.map(m => ({
            ...m,
            documents: m.documents.map(d => ({
              ...d,
              url: safeLink(d.url, `mock document ${d.name}`, droppedLinks),
            })),
          })),
          known,
          options.maxMockDocumentBytes,
        );
        problems.push(...grouped.problems);
        result.unmatched += grouped.unmatched;
        await stores.mockStore.replaceMocks(source.id, grouped.mocks, {
          removeOthers: problems.length === 0 && !answer.partial,
          collectedAt: now,
        });
        result.mockDocuments += grouped.mocks.reduce(
          (n, m) => n + m.documents.length,
          0,
        );
      }
      for (const problem of [...problems, ...droppedLinks]) {
        report(source.id, `Evidence source ${source.id}: ${problem}`);
      }
      await stores.sourceStore.recordAttempt(
        source.id,
        now,
        problems.length > 0 ? problems.join('; ') : undefined,
        answer.cursor,
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      report(
        source.id,
        `Evidence source ${source.id} failed: ${reason}; its earlier evidence is kept`,
      );
      await stores.sourceStore.recordAttempt(source.id, now, reason);
    }
  }
  return result;
}
