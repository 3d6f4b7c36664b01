/**
 * Schema failures of one body as one sentence a consumer can act on, e.g.
 * "response body has field `accountId`, the current spec requires
 * `accountRef`".
 */
export function phraseBodyProblems(
  where: string,
  found: { missing: string[]; extra: string[]; other: string[] },
): string[] {
  const list = (names: string[]) => names.map(n => `\`${n}\``).join(', ');
  const sentences: string[] = [];
  const { missing, extra, other } = found;
  if (missing.length > 0 && extra.length > 0) {
    sentences.push(
      `${where} has field${extra.length > 1 ? 's' : ''} ${list(
        extra,
      )}, the current spec requires ${list(missing)}`,
    );
  } else if (missing.length > 0) {
    sentences.push(
      `${where} lacks ${list(missing)}, which the current spec requires`,
    );
  } else if (extra.length > 0) {
    sentences.push(
      `${where} has field${extra.length > 1 ? 's' : ''} ${list(
        extra,
      )} that the current spec does not define`,
    );
  }
  for (const message of other) sentences.push(`${where}: ${message}`);
  return sentences;
}

const REQUIRED = /must have required property '([^']+)'/;
const ADDITIONAL = /must NOT have additional properties(?: - |.*?')([^'\s]+)'?/;

/** Sorts validator messages into missing fields, extra fields and the rest. */
export function sortSchemaMessages(
  messages: { message: string; at?: string }[],
): { missing: string[]; extra: string[]; other: string[] } {
  const missing: string[] = [];
  const extra: string[] = [];
  const other: string[] = [];
  const prefixed = (at: string | undefined, name: string) =>
    at ? `${at}.${name}` : name;
  for (const { message, at } of messages) {
    const required = REQUIRED.exec(message);
    const additional = ADDITIONAL.exec(message);
    if (required) missing.push(prefixed(at, required[1]));
    else if (additional) extra.push(prefixed(at, additional[1]));
    else other.push(at ? `${at} ${message}` : message);
  }
  const unique = (names: string[]) => [...new Set(names)];
  return {
    missing: unique(missing),
    extra: unique(extra),
    other: unique(other),
  };
}
