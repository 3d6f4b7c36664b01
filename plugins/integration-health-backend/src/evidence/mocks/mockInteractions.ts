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
      /**
       * What the mock leaves open (WireMock matchers such as `matches` or
       * `equalToJson` with `ignoreExtraElements` describe part of a request):
       * these values are unknown, so they are not checked.
       */
      unknown?: UnknownRequestParts;
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

export type UnknownRequestParts = {
  /** Placeholders in `request.path` (`{id}`) standing for unknown path values. */
  pathValues?: string[];
  /** Query parameters and headers present with an unknown value. */
  query?: string[];
  headers?: string[];
  /**
   * `partial`: the fields given are in the body, others may be too;
   * `whole`: nothing is known of the body.
   */
  requestBody?: 'partial' | 'whole';
};

/** A mock that could not be read as an interaction at all. */
export type UnreadableMock = {
  name: string;
  url?: string;
  madeFromVersion?: string;
  problem: string;
  /** Valid WireMock, but matching no one exact operation (regex URL, any method). */
  uncheckable?: boolean;
};
