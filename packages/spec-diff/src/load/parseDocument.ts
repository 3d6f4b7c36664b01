import { LineCounter, parseDocument as parseYaml } from 'yaml';
import { SpecInputError } from '../errors';

export type Side = 'base' | 'revision';

export type ParseLimits = {
  maxDocumentBytes: number;
  maxAliases: number;
};

export const DEFAULT_LIMITS: ParseLimits = {
  maxDocumentBytes: 20 * 1024 * 1024,
  maxAliases: 100,
};

function lineAndColumn(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function parseJson(text: string, which: Side): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    throw new SpecInputError(
      'syntax',
      `not valid JSON: ${message}`,
      position
        ? { which, ...lineAndColumn(text, Number(position[1])) }
        : { which },
    );
  }
}

function parseYamlText(
  text: string,
  which: Side,
  limits: ParseLimits,
): unknown {
  const lineCounter = new LineCounter();
  const document = parseYaml(text, {
    lineCounter,
    merge: true,
    uniqueKeys: false,
    prettyErrors: false,
  });
  const [error] = document.errors;
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    throw new SpecInputError(
      'syntax',
      `not valid YAML: ${error.message.split('\n')[0]}`,
      { which, line: pos.line, column: pos.col },
    );
  }
  try {
    return document.toJS({ maxAliasCount: limits.maxAliases });
  } catch (e) {
    const message = (e as Error).message;
    if (/alias/i.test(message)) {
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
 * Reads a document from text, within the size and alias limits. JSON takes a
 * fast path; YAML errors carry their line and column.
 */
export function parseDocumentText(
  text: string,
  which: Side,
  limits: ParseLimits,
): unknown {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxDocumentBytes) {
    throw new SpecInputError(
      'too-large',
      `the document is ${bytes} bytes; the limit is ${limits.maxDocumentBytes}`,
      { which },
    );
  }
  const start = text.trimStart()[0];
  return start === '{' || start === '['
    ? parseJson(text, which)
    : parseYamlText(text, which, limits);
}
