import type { Node as YamlNode } from 'yaml';
import { escapePointer } from './pointer';

/** A key that appears twice in one object; the last one is the one read. */
export type DuplicateKey = {
  /** JSON pointer of the key's value. */
  pointer: string;
  /** Offset of the occurrence that wins (the last). */
  offset: number;
};

/** Duplicate keys in a composed YAML document, found by one walk of its nodes. */
export function yamlDuplicateKeys(root: unknown): DuplicateKey[] {
  // Only called once a YAML document was read, so yaml is loaded already.
  const { isMap, isPair, isScalar, isSeq } =
    require('yaml') as typeof import('yaml');
  const keyText = (key: unknown) =>
    isScalar(key) ? String(key.value) : String(key);
  const found: DuplicateKey[] = [];
  const walk = (node: unknown, pointer: string, depth: number) => {
    if (depth > 10_000) return;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const name = keyText(pair.key);
        const at = `${pointer}/${escapePointer(name)}`;
        if (seen.has(name)) {
          const range = (pair.key as YamlNode | null)?.range;
          found.push({ pointer: at, offset: range ? range[0] : 0 });
        }
        seen.add(name);
        walk(pair.value, at, depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) =>
        walk(item, `${pointer}/${index}`, depth + 1),
      );
    }
  };
  walk(root, '', 0);
  return found;
}

/**
 * The end of every key in a JSON text: a quote that is not escaped (an even
 * run of `\` before it), then `:`. A string that starts with `:` counts too,
 * so the count is never below the number of keys. Linear: each run of `\`
 * or of blanks is read once.
 */
const KEY_END = /(?<!\\)(?:\\\\)*"[ \t\r\n]*:/g;

/** Keys in the text, or more (see KEY_END); `test` builds no match objects. */
function keysInText(text: string): number {
  let count = 0;
  KEY_END.lastIndex = 0;
  while (KEY_END.test(text)) count++;
  return count;
}

/** Keys of every object in a parsed document. */
function keysInDocument(document: unknown): number {
  let count = 0;
  const pending: unknown[] = [document];
  while (pending.length) {
    const node = pending.pop();
    const values = Array.isArray(node)
      ? node
      : Object.values(node as Record<string, unknown>);
    if (!Array.isArray(node)) count += values.length;
    for (const value of values) {
      if (value !== null && typeof value === 'object') pending.push(value);
    }
  }
  return count;
}

/**
 * False when a text that JSON.parse read as `document` surely has no key
 * twice: the parsed objects hold as many keys as the text has. A quick
 * check that spares most documents the scan of jsonDuplicateKeys.
 */
export function jsonMayRepeatKeys(text: string, document: unknown): boolean {
  if (document === null || typeof document !== 'object') return false;
  return keysInText(text) !== keysInDocument(document);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The index of the quote that closes the string opened at `open`. */
function closingQuote(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  for (;;) {
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

/**
 * Duplicate keys in a text that JSON.parse has accepted, by one forward scan
 * (JSON.parse keeps the last value and says nothing). Pointers are built only
 * for the duplicates.
 */
export function jsonDuplicateKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  // One frame per open object or array: the keys seen (objects), the path token.
  const keys: (Set<string> | undefined)[] = [];
  const path: string[] = [];
  const index: number[] = [];
  let expectKey = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // The closing quote is the first one not escaped by an odd run of `\`.
      const end = closingQuote(text, i);
      if (expectKey) {
        const raw = text.slice(i + 1, end);
        const name = raw.includes('\\')
          ? (JSON.parse(`"${raw}"`) as string)
          : raw;
        const frame = keys[keys.length - 1]!;
        path[path.length - 1] = name;
        if (frame.has(name)) {
          found.push({
            pointer: `/${path.map(escapePointer).join('/')}`,
            offset: i,
          });
        }
        frame.add(name);
        expectKey = false;
      }
      i = end + 1;
      continue;
    }
    switch (c) {
      case 0x7b /* { */:
        keys.push(new Set());
        path.push('');
        index.push(0);
        expectKey = true;
        break;
      case 0x5b /* [ */:
        keys.push(undefined);
        path.push('0');
        index.push(0);
        break;
      case 0x7d /* } */:
      case 0x5d /* ] */:
        keys.pop();
        path.pop();
        index.pop();
        // An empty object expected a key that never came.
        expectKey = false;
        break;
      case 0x2c /* , */:
        if (keys[keys.length - 1]) expectKey = true;
        else {
          index[index.length - 1] += 1;
          path[path.length - 1] = String(index[index.length - 1]);
        }
        break;
      default:
    }
    i += 1;
  }
  return found;
}
