export type DiffLine = { kind: ' ' | '-' | '+'; text: string };

/** Beyond this many lines a side, bundles are not compared line by line. */
const MAX_LINES = 4000;

/**
 * The lines that differ between two texts, with `context` unchanged lines
 * around each change (a longest-common-subsequence diff); undefined when
 * either text is too long to compare here.
 */
export function lineDiff(
  before: string,
  after: string,
  context = 2,
): DiffLine[] | undefined {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length > MAX_LINES || b.length > MAX_LINES) return undefined;
  // lengths[i][j]: common lines of a[i..] and b[j..].
  const lengths = Array.from(
    { length: a.length + 1 },
    () => new Uint16Array(b.length + 1),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] =
        a[i] === b[j]
          ? lengths[i + 1][j + 1] + 1
          : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const all: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      all.push({ kind: ' ', text: a[i] });
      i++;
      j++;
    } else if (
      i < a.length &&
      (j === b.length || lengths[i + 1][j] >= lengths[i][j + 1])
    ) {
      // Lines out before lines in, as diffs read.
      all.push({ kind: '-', text: a[i++] });
    } else {
      all.push({ kind: '+', text: b[j++] });
    }
  }
  const near = (index: number) =>
    all
      .slice(Math.max(0, index - context), index + context + 1)
      .some(line => line.kind !== ' ');
  return all.filter((line, index) => line.kind !== ' ' || near(index));
}
