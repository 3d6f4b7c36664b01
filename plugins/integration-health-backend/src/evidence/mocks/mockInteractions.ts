/**
 * One mocked exchange, read from a pact or a WireMock mapping, in the shape
 * the checks need: an HTTP interaction in pact (v2) form, or a message.
 */
export type MockInteraction = {
  /** The document and the interaction in it, e.g. `mocks/intake.json#submit`. */
  name: string;
  url?: string;
  madeFromVersion?: string;
} & (
  | {
      kind: 'http';
      request: {
        method: string;
        path: string;
        query?: string;
        headers?: Record<string, string>;
        body?: unknown;
      };
      response: {
        status: number;
        headers?: Record<string, string>;
        body?: unknown;
      };
    }
  | {
      kind: 'message';
      description: string;
      /** The channel or topic the mock names, when it names one. */
      channel?: string;
      contents: unknown;
    }
);

/** A mock that could not be read as an interaction at all. */
export type UnreadableMock = {
  name: string;
  url?: string;
  madeFromVersion?: string;
  problem: string;
  /** Valid WireMock, but matching no one exact operation (regex URL, any method). */
  uncheckable?: boolean;
};
