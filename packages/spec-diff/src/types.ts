/**
 * How much a change matters to existing consumers.
 *
 * @public
 */
export type FindingLevel = 'breaking' | 'warning' | 'info';

/**
 * The kinds of document the engine compares.
 *
 * @public
 */
export type SpecFormat =
  | 'openapi-2.0'
  | 'openapi-3.0'
  | 'openapi-3.1'
  | 'asyncapi-2'
  | 'asyncapi-3'
  | 'json-schema'
  | 'graphql';

/**
 * One classified difference between two versions of a spec.
 *
 * @public
 */
export type Finding = {
  /** Rule id; for OpenAPI the reference checker's taxonomy. */
  id: string;
  level: FindingLevel;
  /** Where a reader finds it: `GET /pets/{id}`, a channel, a message or a type. */
  location: string;
  /** JSON pointer into the revision, or into the base for removals. */
  pointer: string;
  message: string;
  /** Same change, same value, across runs: acknowledgements key on it. */
  fingerprint: string;
  /** The announced removal date of something deprecated (YYYY-MM-DD), when the spec gives one. */
  sunset?: string;
};

/**
 * How many findings there are at each level.
 *
 * @public
 */
export type DiffSummary = {
  breaking: number;
  warning: number;
  info: number;
  /** Differences no rule classifies. The goal is zero. */
  unclassified: number;
};

/**
 * What diffSpecs answers: the format compared, every finding and their counts.
 *
 * @public
 */
export type DiffResult = {
  format: SpecFormat;
  findings: Finding[];
  summary: DiffSummary;
};

/**
 * Where references resolve and how large a document may be.
 *
 * @public
 */
export type DiffOptions = {
  /**
   * Folder the specs' relative `$ref`s resolve in; no file outside it is read.
   * Without it, only references inside the document resolve.
   */
  baseDir?: string;
  /** Folder for the revision's relative `$ref`s, when it differs from baseDir. */
  revisionDir?: string;
  /** Largest document accepted, in bytes. Default 20 MB. */
  maxDocumentBytes?: number;
  /** Most YAML aliases a document may use. Default 100. */
  maxAliases?: number;
  /**
   * Most lexical tokens a GraphQL document may hold. Default 250,000 (four
   * times GitHub's public schema); parsing costs about 600 bytes per token.
   */
  maxGraphqlTokens?: number;
  /** The date deprecations are judged against. Default: today. */
  today?: Date;
  /**
   * Least days between deprecating an operation, parameter or property and
   * its `x-sunset`, by the operation's `x-stability-level` (stable when
   * absent; draft and alpha need none). Over zero, a deprecation without a
   * sunset is breaking. Default 0 and 0, as the reference checker.
   */
  deprecationDays?: { beta?: number; stable?: number };
};
