import fs from 'node:fs';
import path from 'node:path';
import { SpecInputError } from '../errors';
import { parseDocumentText, ParseLimits, Side } from './parseDocument';
import { escapePointer, unescapePointer } from './pointer';

export { escapePointer };

export type Resolved = {
  node: any;
  /** JSON pointer of the node, prefixed with its file when outside the main document. */
  pointer: string;
  file?: string;
};

export type UnresolvedRef = { ref: string; reason: string; side: Side };

const MAX_REF_HOPS = 64;

/** `http:`, `urn:`, `c:`…: a URI scheme (RFC 3986) before the first `:`. */
function hasScheme(target: string): boolean {
  const colon = target.indexOf(':');
  if (colon < 1) return false;
  for (let i = 0; i < colon; i++) {
    const c = target[i].toLowerCase();
    const letter = c >= 'a' && c <= 'z';
    if (
      i === 0
        ? !letter
        : !(letter || (c >= '0' && c <= '9') || '+.-'.includes(c))
    )
      return false;
  }
  return true;
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return !!relative && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * A parsed spec that follows `$ref`s on demand: pointers inside the document
 * always, relative files only inside the spec's own folder, and never the
 * network. What it cannot follow is recorded, not fetched.
 */
export class SpecDocument {
  readonly unresolved: UnresolvedRef[] = [];
  private readonly files = new Map<string, unknown>();
  private readonly reported = new Set<string>();

  constructor(
    readonly root: unknown,
    private readonly options: {
      side: Side;
      dir?: string;
      limits: ParseLimits;
    },
  ) {}

  get side(): Side {
    return this.options.side;
  }

  /** Follows `$ref`s from a node until it reaches a value. */
  deref(node: any, pointer: string, file?: string): Resolved {
    let current: Resolved = { node, pointer, file };
    for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
      const ref = current.node?.$ref;
      if (typeof ref !== 'string') {
        return current;
      }
      const next = this.follow(ref, current.file);
      if (!next) {
        return {
          node: { $unresolved: ref },
          pointer: current.pointer,
          file: current.file,
        };
      }
      current = next;
    }
    this.report(String(node?.$ref), 'the reference chain loops or is too long');
    return { node: { $unresolved: String(node?.$ref) }, pointer, file };
  }

  private follow(ref: string, fromFile?: string): Resolved | undefined {
    const hash = ref.indexOf('#');
    const target = hash === -1 ? ref : ref.slice(0, hash);
    const fragment = hash === -1 ? '' : ref.slice(hash + 1);

    let file = fromFile;
    let root = file ? this.files.get(file) : this.root;
    if (target) {
      if (hasScheme(target) || target.startsWith('//')) {
        this.report(ref, 'remote references are never fetched');
        return undefined;
      }
      const loaded = this.loadFile(ref, target, fromFile);
      if (!loaded) return undefined;
      ({ file, root } = loaded);
    }

    let node: any = root;
    const tokens = fragment ? fragment.replace(/^\//, '').split('/') : [];
    for (const raw of tokens) {
      let token: string;
      try {
        token = decodeURIComponent(unescapePointer(raw));
      } catch {
        throw new SpecInputError(
          'invalid-document',
          `$ref ${ref} has malformed percent-encoding`,
          { which: this.options.side },
        );
      }
      if (node === null || typeof node !== 'object' || !(token in node)) {
        this.report(ref, 'it points at nothing in the document');
        return undefined;
      }
      node = node[token];
    }
    const pointer = tokens.length ? `/${tokens.join('/')}` : '';
    return { node, pointer: file ? `${file}#${pointer}` : pointer, file };
  }

  private loadFile(ref: string, target: string, fromFile?: string) {
    const dir = this.options.dir;
    if (!dir) {
      this.report(
        ref,
        'references to other files need the spec folder (baseDir)',
      );
      return undefined;
    }
    const root = path.resolve(dir);
    const from = fromFile ? path.dirname(path.resolve(root, fromFile)) : root;
    const absolute = path.resolve(from, target);
    let real: string;
    try {
      real = fs.realpathSync(absolute);
    } catch {
      this.report(ref, 'the file does not exist');
      return undefined;
    }
    if (!isInside(fs.realpathSync(root), real)) {
      this.report(
        ref,
        "it is outside the spec's own folder, which is never read",
      );
      return undefined;
    }
    const file = path.relative(root, absolute);
    if (!this.files.has(file)) {
      const stat = fs.statSync(real);
      if (stat.size > this.options.limits.maxDocumentBytes) {
        this.report(ref, 'the file is larger than the document limit');
        return undefined;
      }
      this.files.set(
        file,
        parseDocumentText(
          fs.readFileSync(real, 'utf8'),
          this.options.side,
          this.options.limits,
        ),
      );
    }
    return { file, root: this.files.get(file) };
  }

  private report(ref: string, reason: string) {
    if (!this.reported.has(ref)) {
      this.reported.add(ref);
      this.unresolved.push({ ref, reason, side: this.options.side });
    }
  }
}
