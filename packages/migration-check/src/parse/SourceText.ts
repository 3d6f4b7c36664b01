/** Bytes a code point takes in UTF-8. */
function utf8Length(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  return code < 0x10000 ? 3 : 4;
}

/**
 * Positions in a migration's text. The parser gives statement offsets in
 * UTF-8 bytes and error cursors in characters; readers want lines.
 */
export class SourceText {
  private readonly lineStarts: number[] = [0];
  private readonly ascii: boolean;
  private cursor = { byte: 0, char: 0 };

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    // eslint-disable-next-line no-control-regex
    this.ascii = /^[\x00-\x7f]*$/.test(text);
  }

  /** The character index of a UTF-8 byte offset. Walks forward from the last call. */
  charIndexOfByte(byteOffset: number): number {
    if (this.ascii) return byteOffset;
    if (byteOffset < this.cursor.byte) this.cursor = { byte: 0, char: 0 };
    let { byte, char } = this.cursor;
    while (byte < byteOffset && char < this.text.length) {
      const code = this.text.codePointAt(char)!;
      byte += utf8Length(code);
      char += code >= 0x10000 ? 2 : 1;
    }
    this.cursor = { byte, char };
    return char;
  }

  /** The first character at or after `index` that is not blank or inside a comment. */
  skipBlanksAndComments(index: number): number {
    const t = this.text;
    let i = index;
    while (i < t.length) {
      const c = t[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
        i += 1;
      } else if (c === '-' && t[i + 1] === '-') {
        const end = t.indexOf('\n', i);
        i = end < 0 ? t.length : end + 1;
      } else if (c === '/' && t[i + 1] === '*') {
        i = this.endOfBlockComment(i);
      } else {
        break;
      }
    }
    return i;
  }

  /** Line and column (both from 1) of a character index. */
  lineColumn(index: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: index - this.lineStarts[low] + 1 };
  }

  /** PostgreSQL block comments nest. */
  private endOfBlockComment(start: number): number {
    const t = this.text;
    let depth = 0;
    let i = start;
    while (i < t.length) {
      if (t[i] === '/' && t[i + 1] === '*') {
        depth += 1;
        i += 2;
      } else if (t[i] === '*' && t[i + 1] === '/') {
        depth -= 1;
        i += 2;
        if (depth === 0) return i;
      } else {
        i += 1;
      }
    }
    return t.length;
  }
}
