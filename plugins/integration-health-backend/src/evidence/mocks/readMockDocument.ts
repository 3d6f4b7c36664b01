import { isRecord } from '@integration-health/plugin-integration-health-common';
import { MockDocument } from '@integration-health/plugin-integration-health-node';
import { MockInteraction, UnreadableMock } from './mockInteractions';
import { readPact } from './readPact';
import { readWireMock } from './readWireMock';

export type ReadMocks = {
  interactions: MockInteraction[];
  unreadable: UnreadableMock[];
};

/** Guards against a bundle that would take the sync down. */
export const MAX_INTERACTIONS_PER_DOCUMENT = 2000;

/**
 * The interactions of one mock document. A document that is not what its
 * format says is one unreadable mock, with the reason.
 */
export function readMockDocument(document: MockDocument): ReadMocks {
  const base = {
    name: document.name,
    url: document.url,
    madeFromVersion: document.madeFromVersion,
  };
  try {
    const read =
      document.format === 'pact'
        ? readPact(document.content, base)
        : readWireMock(document.content, base);
    if (read.interactions.length > MAX_INTERACTIONS_PER_DOCUMENT) {
      throw new Error(
        `it has ${read.interactions.length} interactions; at most ${MAX_INTERACTIONS_PER_DOCUMENT} are checked per document`,
      );
    }
    return read;
  } catch (error) {
    return {
      interactions: [],
      unreadable: [
        {
          ...base,
          problem: `not a readable ${
            document.format === 'pact' ? 'pact' : 'WireMock mapping'
          }: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
}

/** Header or query values as plain strings (pact allows lists). */
export function stringValues(
  value: unknown,
): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') out[key] = v;
    else if (Array.isArray(v)) out[key] = v.map(String).join(',');
    else if (typeof v === 'number' || typeof v === 'boolean')
      out[key] = String(v);
  }
  return out;
}
