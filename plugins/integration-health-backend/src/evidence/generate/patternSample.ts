import { RE2JS } from 're2js';

const CLASS_SAMPLES: Record<string, string> = {
  d: '0',
  w: 'a',
  s: ' ',
  D: 'a',
  W: '-',
  S: 'a',
};

const MAX_PATTERN = 500;

/**
 * The shortest simple text a `pattern` plausibly matches: each quantifier
 * takes its minimum, each class its first character, each alternation its
 * first branch. openapi-sampler's own pattern samples miss common patterns
 * (`^-?[0-9]+$` gives `-?0`), and a mock must pass the checker's linear-time
 * pattern check, so the result is only returned when RE2 agrees it matches.
 */
export function sampleOfPattern(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN) return undefined;
  const out: string[] = [];
  // Per open group: where its text starts and whether a `|` ended its first branch.
  const groups: { start: number; closed: boolean }[] = [];
  let skipping = 0; // inside a second or later branch of the innermost groups
  const emit = (text: string) => {
    if (skipping === 0) out.push(text);
  };
  let lastStart = -1;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '^' || char === '$') continue;
    if (char === '\\') {
      const next = pattern[++i] ?? '';
      lastStart = out.length;
      emit(CLASS_SAMPLES[next] ?? (/[a-zA-Z]/.test(next) ? 'a' : next));
    } else if (char === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) return undefined;
      const body = pattern.slice(i + 1, close);
      if (body.startsWith('^')) return undefined;
      lastStart = out.length;
      emit(body[0] === '\\' ? CLASS_SAMPLES[body[1]] ?? body[1] : body[0]);
      i = close;
    } else if (char === '(') {
      if (pattern[i + 1] === '?') {
        if (pattern[i + 2] !== ':') return undefined; // lookarounds, named groups
        i += 2;
      }
      groups.push({ start: out.length, closed: false });
    } else if (char === ')') {
      const group = groups.pop();
      if (!group) return undefined;
      if (group.closed) skipping--;
      lastStart = group.start;
    } else if (char === '|') {
      const group = groups[groups.length - 1];
      if (!group) return undefined; // a top-level alternation: take no risk
      if (!group.closed) {
        group.closed = true;
        skipping++;
      }
    } else if (char === '?' || char === '*') {
      if (skipping === 0 && lastStart >= 0) out.length = lastStart;
      if (pattern[i + 1] === '?') i++;
    } else if (char === '+') {
      if (pattern[i + 1] === '?') i++;
    } else if (char === '{') {
      const close = pattern.indexOf('}', i);
      const min =
        close < 0 ? NaN : Number(pattern.slice(i + 1, close).split(',')[0]);
      if (!Number.isInteger(min) || lastStart < 0) return undefined;
      if (skipping === 0) {
        const unit = out.slice(lastStart).join('');
        out.length = lastStart;
        out.push(unit.repeat(min));
      }
      i = close;
    } else if (char === '.') {
      lastStart = out.length;
      emit('a');
    } else {
      lastStart = out.length;
      emit(char);
    }
  }
  const text = out.join('');
  try {
    return RE2JS.compile(RE2JS.translateRegExp(pattern)).test(text)
      ? text
      : undefined;
  } catch {
    return undefined;
  }
}
