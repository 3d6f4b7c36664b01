import { unescapePointer } from './pointer';

/**
 * Which local `$ref`s mean the same in both versions: the target has the same
 * text on both sides, and so have, in turn, all the targets it refers to.
 * Comparing two such references can only find nothing, so the comparison is
 * skipped: on a large spec most of the schemas an operation uses are
 * unchanged components.
 */
export class StableRefs {
  private readonly known = new Map<string, boolean>();

  constructor(
    private readonly base: unknown,
    private readonly revision: unknown,
  ) {}

  /** Both nodes have the same text, and every local `$ref` in it is stable. */
  same(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    const text = JSON.stringify(a);
    if (text === undefined || text !== JSON.stringify(b)) return false;
    return refsOf(a).every(ref => this.isStable(ref));
  }

  isStable(ref: string): boolean {
    const known = this.known.get(ref);
    if (known !== undefined) return known;
    if (!ref.startsWith('#/')) return false;
    // A reference cycle of unchanged text is unchanged.
    this.known.set(ref, true);
    const a = target(this.base, ref);
    const b = target(this.revision, ref);
    // A target that is itself a reference is followed the long way, where
    // a chain that loops is reported.
    const alias = typeof (a as { $ref?: unknown } | null)?.$ref === 'string';
    const stable =
      a !== undefined && b !== undefined && !alias && this.same(a, b);
    this.known.set(ref, stable);
    return stable;
  }
}

function target(root: unknown, ref: string): unknown {
  let node: any = root;
  for (const raw of ref.slice(2).split('/')) {
    let token: string;
    try {
      token = decodeURIComponent(unescapePointer(raw));
    } catch {
      return undefined;
    }
    if (node === null || typeof node !== 'object' || !(token in node)) {
      return undefined;
    }
    node = node[token];
  }
  return node;
}

/** Every `$ref` string inside a node. */
function refsOf(node: unknown): string[] {
  const refs: string[] = [];
  const pending: unknown[] = [node];
  while (pending.length) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      for (const item of current) pending.push(item);
      continue;
    }
    for (const [key, value] of Object.entries(current)) {
      if (key === '$ref' && typeof value === 'string') refs.push(value);
      else if (typeof value === 'object') pending.push(value);
    }
  }
  return refs;
}
