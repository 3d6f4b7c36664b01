import { FindingLevel } from './types';

/**
 * Rules about the documents themselves, whatever their format. Both are the
 * engine's own: the reference checker refuses such documents or says nothing.
 */
export const DOCUMENT_RULES: Record<string, FindingLevel> = {
  // References the engine could not follow: the diff may be incomplete.
  'spec-ref-unresolved': 'warning',
  // Readers that refuse duplicates (yaml.v3, strict linters) reject the
  // document; the rest read the last value, as this engine does.
  'spec-duplicate-key': 'warning',
};
