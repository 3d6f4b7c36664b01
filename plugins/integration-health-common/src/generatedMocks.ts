/**
 * The formats mock bundles are generated in: WireMock mappings
 * (`{ mappings: [...] }`) or a pact v4 file.
 *
 * @public
 */
export type MockBundleFormat = 'wiremock' | 'pact';

/**
 * A consumer's mocks generated from the provider's current spec, for the
 * operations the consumer uses.
 *
 * @public
 */
export type GeneratedMockBundle = {
  format: MockBundleFormat;
  /** The file to save, e.g. `ledger-transaction-events-2.0.0.wiremock.json`. */
  fileName: string;
  /** The spec version it was made from (stamped inside the content too). */
  specVersion?: string;
  /** The operations it mocks, named as the mock checks name them. */
  operations: string[];
  /** One line per stub (`GET /transactions/{transactionId} → 200`), for comparing bundles. */
  stubs: string[];
  /** `{ mappings: [...] }` for WireMock; a pact v4 document for pact. */
  content: unknown;
  /**
   * The same operations generated from the older spec version the
   * consumer's current mocks were made from, to compare with.
   */
  previous?: Omit<GeneratedMockBundle, 'previous'>;
};
