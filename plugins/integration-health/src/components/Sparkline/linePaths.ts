/**
 * SVG path data for a line of values, one segment per run of known values:
 * an unknown day leaves a gap rather than a line to zero.
 */
export function linePaths(
  values: (number | undefined)[],
  x: (index: number) => number,
  y: (value: number) => number,
): string[] {
  const segments: string[] = [];
  let current = '';
  values.forEach((v, i) => {
    if (v === undefined) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return segments;
}
