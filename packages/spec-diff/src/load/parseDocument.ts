import type { Document } from 'yaml';
import { SpecInputError } from '../errors';
import {
  DuplicateKey,
  jsonDuplicateKeys,
  jsonMayRepeatKeys,
  yamlDuplicateKeys,
} from './duplicateKeys';
import { readYamlFast } from './fastYaml';

export type Side = 'base' | 'revision';

// The YAML reader takes ~40 ms to load: only when a document is YAML, so
// that JSON specs (and the command line on them) start fast.
const loadYaml = (): typeof import('yaml') => require('yaml');

export type ParseLimits = {
  maxDocumentBytes: number;
  maxAliases: number;
};

export const DEFAULT_LIMITS: ParseLimits = {
  maxDocumentBytes: 20 * 1024 * 1024,
  maxAliases: 100,
};

/** What a reader should know about a document that was read anyway. */
export type ParseNote = DuplicateKey & {
  which: Side;
  line: number;
  column: number;
};

const BOM = '\uFEFF';

/** The text without the byte-order mark editors on Windows put first. */
export function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

function lineAndColumn(text: string, offset: number) {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; ) {
    line += 1;
    lineStart = i + 1;
    i = text.indexOf('\n', lineStart);
  }
  return { line, column: offset - lineStart + 1 };
}

/** The offset in V8's "… at position 12 …" JSON error messages. */
function positionIn(message: string): number | undefined {
  const at = message.indexOf('position ');
  if (at === -1) return undefined;
  let end = at + 'position '.length;
  const start = end;
  while (end < message.length && message[end] >= '0' && message[end] <= '9')
    end++;
  return end > start ? Number(message.slice(start, end)) : undefined;
}

function parseJson(text: string, which: Side, notes?: ParseNote[]): unknown {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = positionIn(message);
    throw new SpecInputError(
      'syntax',
      `not valid JSON: ${message}`,
      position === undefined
        ? { which }
        : { which, ...lineAndColumn(text, position) },
    );
  }
  if (notes && jsonMayRepeatKeys(text, document)) {
    for (const duplicate of jsonDuplicateKeys(text)) {
      notes.push({
        ...duplicate,
        which,
        ...lineAndColumn(text, duplicate.offset),
      });
    }
  }
  return document;
}

type YamlErrorSink = (
  source: unknown,
  code: string,
  message: string,
  warning?: boolean,
) => void;

/** Where the composer says an error is: an offset, a range or a token. */
function offsetOf(source: unknown): number {
  if (typeof source === 'number') return source;
  if (Array.isArray(source)) return Number(source[0]) || 0;
  const offset = (source as { offset?: unknown } | null)?.offset;
  return typeof offset === 'number' ? offset : 0;
}

/** Thrown from inside the composer to stop at the first error. */
const FIRST_ERROR = Symbol('first YAML error');

function parseYamlText(
  text: string,
  which: Side,
  limits: ParseLimits,
  notes?: ParseNote[],
): unknown {
  const { Composer, LineCounter, Parser } = loadYaml();
  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer({ merge: true, uniqueKeys: true });
  // Only the first error is reported, so stop there: a hostile text of
  // 100,000 stray brackets would otherwise build 100,000 error objects.
  // A duplicate key is not an error: the last one is read, as JSON.parse
  // and Go's encoding/json do, and it becomes a note.
  // (`onError` is the composer's own error sink, private in its typings; if
  // a later version renames it, parsing still works, only slower on junk.)
  let duplicates = false;
  let first: { offset: number; message: string } | undefined;
  const hook = composer as unknown as { onError: YamlErrorSink };
  const record = hook.onError;
  hook.onError = (source, code, message, warning) => {
    if (code === 'DUPLICATE_KEY') {
      duplicates = true;
      return;
    }
    record(source, code, message, warning);
    if (!warning) {
      // yaml may catch what is thrown here and report it again: keep the first.
      first ??= { offset: offsetOf(source), message };
      throw FIRST_ERROR;
    }
  };
  const documents: Document.Parsed[] = [];
  try {
    for (const token of parser.parse(text)) {
      if (token.type === 'error') {
        first = {
          offset: token.offset,
          message: token.source
            ? `${token.message}: ${JSON.stringify(token.source.slice(0, 40))}`
            : token.message,
        };
        throw FIRST_ERROR;
      }
      documents.push(...composer.next(token));
    }
    documents.push(...composer.end(true, text.length));
  } catch (e) {
    if (e !== FIRST_ERROR || !first) throw e;
    const pos = lineCounter.linePos(first.offset);
    throw new SpecInputError(
      'syntax',
      `not valid YAML: ${first.message.split('\n')[0]}`,
      { which, line: pos.line, column: pos.col },
    );
  }
  const [document, second] = documents;
  if (second) {
    const pos = lineCounter.linePos(second.range[0]);
    throw new SpecInputError(
      'syntax',
      'not valid YAML: the text holds more than one document',
      { which, line: pos.line, column: pos.col },
    );
  }
  if (!document) return null;
  const [error] = document.errors;
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    throw new SpecInputError(
      'syntax',
      `not valid YAML: ${error.message.split('\n')[0]}`,
      { which, line: pos.line, column: pos.col },
    );
  }
  if (duplicates && notes) {
    for (const duplicate of yamlDuplicateKeys(document.contents)) {
      const pos = lineCounter.linePos(duplicate.offset);
      notes.push({ ...duplicate, which, line: pos.line, column: pos.col });
    }
  }
  try {
    return document.toJS({ maxAliasCount: limits.maxAliases });
  } catch (e) {
    const message = (e as Error).message;
    // yaml's words for an alias bomb; an alias without its anchor is a syntax error.
    if (message.includes('Excessive alias count')) {
      throw new SpecInputError(
        'too-many-aliases',
        `the document expands more than ${limits.maxAliases} YAML aliases (an alias bomb?)`,
        { which },
      );
    }
    throw new SpecInputError('syntax', `not valid YAML: ${message}`, { which });
  }
}

/**
 * Reads a document from text, within the size and alias limits, as the
 * reference tools read it: a leading byte-order mark is dropped, CRLF line
 * ends are fine, and of duplicate keys the last is read (each one added to
 * `notes` when given). JSON takes a fast path; errors carry line and column.
 */
export function parseDocumentText(
  source: string,
  which: Side,
  limits: ParseLimits,
  notes?: ParseNote[],
): unknown {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > limits.maxDocumentBytes) {
    throw new SpecInputError(
      'too-large',
      `the document is ${bytes} bytes; the limit is ${limits.maxDocumentBytes}`,
      { which },
    );
  }
  const text = withoutBom(source);
  const start = text.trimStart()[0];
  return start === '{' || start === '['
    ? parseJson(text, which, notes)
    : readYamlFast(text, which)?.value ??
        parseYamlText(text, which, limits, notes);
}
