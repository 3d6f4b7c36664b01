/**
 * Texts that made backtracking regular expressions take exponential or
 * quadratic time, for tests of everything that reads untrusted text.
 * The format detector's old expression took 3 s on 61 `"` and 30 s on 67.
 */
export const HOSTILE_TEXTS: [name: string, text: string][] = [
  ['100,000 double quotes', '"'.repeat(100_000)],
  ['33,333 triple quotes and a space', `${'"""'.repeat(33_333)} `],
  ['25,000 `""" `', '""" '.repeat(25_000)],
  ['100,000 opening braces', '{'.repeat(100_000)],
  ['100,000 closing braces', '}'.repeat(100_000)],
  ['100,000 backslashes', '\\'.repeat(100_000)],
  ['100,000 spaces', ' '.repeat(100_000)],
  ['50,000 `"` and newlines', '"\n'.repeat(50_000)],
  ['50,000 `{"`', '{"'.repeat(50_000)],
  ['100,000 `#`', '#'.repeat(100_000)],
  ['extend and 100,000 spaces', `extend${' '.repeat(100_000)}x`],
];

/** Milliseconds one call takes. */
export function timed(call: () => unknown): number {
  const started = process.hrtime.bigint();
  try {
    call();
  } catch {
    // a typed error is a fine answer; only the time matters here
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}
