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
    const text = textOf(a);
    if (text === undefined || text !== textOf(b)) return false;
    return refsIn(text).every(ref => this.isStable(ref));
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

/** JSON text of a node; none for a parsed object that refers to itself. */
function textOf(node: unknown): string | undefined {
  try {
    return JSON.stringify(node);
  } catch {
    return undefined;
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

const REF = '"$ref":"';

/**
 * Every `$ref` string in JSON.stringify's text of a node, found with
 * indexOf (a walk of the objects costs several times more). A `"` inside a
 * string is always escaped, so the first unescaped one ends the value.
 */
function refsIn(text: string): string[] {
  const refs: string[] = [];
  for (let at = text.indexOf(REF); at !== -1; at = text.indexOf(REF, at)) {
    const start = at + REF.length - 1;
    let end = text.indexOf('"', start + 1);
    while (end !== -1) {
      let slashes = 0;
      while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
      if (slashes % 2 === 0) break;
      end = text.indexOf('"', end + 1);
    }
    if (end === -1) break;
    refs.push(JSON.parse(text.slice(start, end + 1)));
    at = end + 1;
  }
  return refs;
}
