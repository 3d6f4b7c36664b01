import { SpecInputError } from './errors';
import { detectFormat, looksLikeGraphql } from './load/detectFormat';
import { DEFAULT_LIMITS, parseDocumentText } from './load/parseDocument';
import { SpecFormat } from './types';

/**
 * Limits for reading a spec: its size in bytes and the YAML aliases it may
 * use.
 *
 * @public
 */
export type InspectOptions = { maxDocumentBytes?: number; maxAliases?: number };

/**
 * The format and declared version of one spec text, within the same limits as diffSpecs.
 *
 * @public
 */
export function inspectSpec(
  text: string,
  options: InspectOptions = {},
): { format: SpecFormat; version?: string } {
  const { document: _document, ...rest } = loadSpec(text, options);
  return rest;
}

/**
 * One spec text parsed within the same limits as diffSpecs (size, YAML
 * aliases), with its format and declared version; `document` is undefined
 * for GraphQL SDL. References are left as they are.
 *
 * @public
 */
export function loadSpec(
  text: string,
  options: InspectOptions = {},
): { format: SpecFormat; version?: string; document?: unknown } {
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
    document,
  };
}
