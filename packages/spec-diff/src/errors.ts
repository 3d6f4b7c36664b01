/**
 * Why a document could not be used.
 *
 * @public
 */
export type SpecInputErrorCode =
  | 'too-large'
  | 'syntax'
  | 'too-many-aliases'
  | 'unknown-format'
  | 'format-mismatch'
  | 'invalid-document';

/**
 * A document that cannot be diffed: too large, not YAML/JSON/SDL, not a
 * spec, or not the same kind as the other side. Carries where, when known.
 *
 * @public
 */
export class SpecInputError extends Error {
  /** Always `SpecInputError`, as shown in stack traces and logs. */
  readonly name = 'SpecInputError';

  constructor(
    /** Why the document could not be used. */
    readonly code: SpecInputErrorCode,
    message: string,
    /** Which side (base or revision) and where in it, when known. */
    readonly location?: {
      which?: 'base' | 'revision';
      line?: number;
      column?: number;
    },
  ) {
    super(message);
  }

  /** One line for a terminal: which side, where, what. */
  describe(): string {
    const where = [
      this.location?.which,
      this.location?.line !== undefined
        ? `line ${this.location.line}${
            this.location.column !== undefined
              ? `, column ${this.location.column}`
              : ''
          }`
        : undefined,
    ]
      .filter(Boolean)
      .join(' ');
    return where ? `${where}: ${this.message}` : this.message;
  }
}
