/**
 * True for a plain JSON object (not null, not an array): what a parsed
 * document must be before its fields are read.
 *
 * @public
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
