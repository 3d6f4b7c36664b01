import { SpecInputError } from './errors';
import { detectFormat, looksLikeGraphql } from './load/detectFormat';
import { DEFAULT_LIMITS, parseDocumentText } from './load/parseDocument';
import { SpecFormat } from './types';

/** The format and declared version of one spec text, within the same limits as diffSpecs. */
export function inspectSpec(
  text: string,
  options: { maxDocumentBytes?: number; maxAliases?: number } = {},
): { format: SpecFormat; version?: string } {
  if (looksLikeGraphql(text)) return { format: 'graphql' };
  const document = parseDocumentText(text, 'revision', {
    maxDocumentBytes:
      options.maxDocumentBytes ?? DEFAULT_LIMITS.maxDocumentBytes,
    maxAliases: options.maxAliases ?? DEFAULT_LIMITS.maxAliases,
  });
  const format = detectFormat(document);
  if (!format) {
    throw new SpecInputError(
      'unknown-format',
      'not an OpenAPI, AsyncAPI, JSON Schema or GraphQL document',
    );
  }
  const version = (document as any)?.info?.version;
  return {
    format,
    version: version === undefined ? undefined : String(version),
  };
}
