/** A body as a stub carries it: JSON, text, or bytes given as base64. */
export type StubBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; value: string }
  | { kind: 'binary'; base64: string };

/** One request and the response the provider gives it, format-neutral. */
export type HttpStub = {
  /** As the mock checker names it: `GET /transactions/{transactionId}`. */
  operation: string;
  status: number;
  /** The named example it was made from, when there was one. */
  example?: string;
  method: string;
  /** The path template with the server's base path, e.g. `/v2/transactions/{transactionId}`. */
  pathTemplate: string;
  /** Sample values of the path parameters, by name. */
  pathValues: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  requestBody?: { contentType: string; body: StubBody };
  response: { contentType?: string; body?: StubBody };
};

/** One message a channel carries, format-neutral. */
export type MessageStub = {
  /** As the mock checker names it: `subscribe transactions.booked`, `channel userEvents`. */
  operation: string;
  /** The message's name (or the example's), to tell a channel's messages apart. */
  message: string;
  /** The channel's address (AsyncAPI 3) or name. */
  topic: string;
  contents: unknown;
};

/** The line a stub shows as in a bundle's list and in the diff of two bundles. */
export function stubLine(stub: HttpStub | MessageStub): string {
  return 'status' in stub
    ? `${stub.operation} → ${stub.status}`
    : `${stub.operation} → ${stub.message}`;
}

/** `/v2/transactions/{id}` with its parameters' values, URL-encoded. */
export function filledPath(stub: HttpStub): string {
  return stub.pathTemplate.replace(/\{([^{}/]+)\}/g, (placeholder, name) =>
    Object.prototype.hasOwnProperty.call(stub.pathValues, name)
      ? encodeURIComponent(stub.pathValues[name])
      : placeholder,
  );
}
