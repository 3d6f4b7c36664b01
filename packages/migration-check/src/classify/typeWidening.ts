/** `varchar(40)` → { base: 'varchar', mods: [40] }. */
function splitType(type: string): { base: string; mods: number[] } {
  const open = type.indexOf('(');
  if (open < 0 || !type.endsWith(')')) return { base: type, mods: [] };
  return {
    base: type.slice(0, open),
    mods: type
      .slice(open + 1, -1)
      .split(',')
      .map(Number),
  };
}

/**
 * True when every value of `from` is a value of `to` with the same text, so
 * readers and writers see no difference and PostgreSQL needs no rewrite:
 * longer varchar, varchar to text, more numeric precision at the same scale.
 */
export function isWidening(from: string, to: string): boolean {
  const a = splitType(from);
  const b = splitType(to);
  if (a.base === 'varchar' && b.base === 'text') return true;
  if (a.base !== b.base) return false;
  if (b.mods.length === 0) return a.base === 'varchar' || a.base === 'numeric';
  if (a.mods.length === 0) return false;
  if (a.base === 'varchar') return b.mods[0] >= a.mods[0];
  if (a.base === 'numeric') {
    const [p1, s1 = 0] = a.mods;
    const [p2, s2 = 0] = b.mods;
    return s1 === s2 && p2 >= p1;
  }
  return false;
}
