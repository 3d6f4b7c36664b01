/**
 * The text with its `//` and `/* … *\/` comments blanked out (newlines kept,
 * so positions in JSON.parse's messages still point at the right line). One
 * forward scan that skips over strings: a `//` inside a string is data.
 */
function withoutComments(text: string): string {
  const out: string[] = [];
  let copiedTo = 0;
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      // Skip the string, honouring escapes; an unclosed one is JSON.parse's to report.
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (char === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out.push(text.slice(copiedTo, i), ' '.repeat(stop - i));
      i = copiedTo = stop;
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) {
        const line = text.slice(0, i).split('\n').length;
        throw new SyntaxError(`a /* comment on line ${line} is never closed`);
      }
      out.push(
        text.slice(copiedTo, i),
        text.slice(i, end + 2).replace(/[^\n]/g, ' '),
      );
      i = copiedTo = end + 2;
    } else {
      i++;
    }
  }
  out.push(text.slice(copiedTo));
  return out.join('');
}

/**
 * JSON as WireMock reads its mapping files: `//` and `/* … *\/` comments are
 * allowed (WireMock's own samples have them), as is a byte-order mark.
 * Linear in the text's length; throws a SyntaxError saying where the text is
 * not JSON.
 *
 * @public
 */
export function parseLenientJson(text: string): unknown {
  const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(unmarked);
  } catch {
    return JSON.parse(withoutComments(unmarked));
  }
}
