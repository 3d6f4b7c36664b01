/**
 * Deprecation and stability, read the way the reference checker reads them:
 * `x-sunset` holds a date (`2026-05-01`) or an RFC 3339 time, and
 * `x-stability-level` one of draft, alpha, beta or stable (stable when absent).
 */

export const STABILITY_LEVELS = ['draft', 'alpha', 'beta', 'stable'] as const;
export type StabilityLevel = (typeof STABILITY_LEVELS)[number];

/** Days that must separate a deprecation from its sunset, per stability level. */
export type DeprecationDays = { beta: number; stable: number };

export type Stability =
  | { level: StabilityLevel; declared: boolean }
  | { invalid: string };

/** The `x-stability-level` of a node: its level, or why it cannot be read. */
export function stabilityOf(node: any): Stability {
  const raw = node?.['x-stability-level'];
  if (raw === undefined || raw === null) {
    return { level: 'stable', declared: false };
  }
  if (
    typeof raw === 'string' &&
    (STABILITY_LEVELS as readonly string[]).includes(raw)
  ) {
    return { level: raw as StabilityLevel, declared: true };
  }
  return {
    invalid: `x-stability-level ${JSON.stringify(
      raw,
    )} is not one of ${STABILITY_LEVELS.join(', ')}`,
  };
}

export function stabilityRank(level: StabilityLevel): number {
  return STABILITY_LEVELS.indexOf(level);
}

/** Draft and alpha operations promise nothing: their changes are not judged. */
export function isUnstable(node: any): boolean {
  const stability = stabilityOf(node);
  return (
    'level' in stability &&
    (stability.level === 'draft' || stability.level === 'alpha')
  );
}

export function minimumSunsetDays(
  operation: any,
  policy: DeprecationDays,
): number | undefined {
  const stability = stabilityOf(operation);
  if (!('level' in stability)) return undefined;
  if (stability.level === 'beta') return policy.beta;
  if (stability.level === 'stable') return policy.stable;
  return 0;
}

export type Sunset =
  | { present: false }
  | { present: true; date: string }
  | { present: true; invalid: string };

const isDigits = (text: string, from: number, to: number) => {
  for (let i = from; i < to; i++) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
};

function validDay(text: string): boolean {
  if (text.length !== 10 || text[4] !== '-' || text[7] !== '-') return false;
  if (!isDigits(text, 0, 4) || !isDigits(text, 5, 7) || !isDigits(text, 8, 10))
    return false;
  const date = new Date(`${text}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
  );
}

/** `2026-05-01T12:00:00Z`, `…+02:00`, with optional fractions: RFC 3339. */
function validTime(text: string): boolean {
  if (text.length < 20 || !validDay(text.slice(0, 10))) return false;
  if (text[10] !== 'T' && text[10] !== 't') return false;
  if (text[13] !== ':' || text[16] !== ':') return false;
  if (
    !isDigits(text, 11, 13) ||
    !isDigits(text, 14, 16) ||
    !isDigits(text, 17, 19)
  )
    return false;
  let i = 19;
  if (text[i] === '.') {
    const start = ++i;
    while (i < text.length && text[i] >= '0' && text[i] <= '9') i++;
    if (i === start) return false;
  }
  const zone = text.slice(i);
  if (zone === 'Z' || zone === 'z') return true;
  return (
    zone.length === 6 &&
    (zone[0] === '+' || zone[0] === '-') &&
    zone[3] === ':' &&
    isDigits(zone, 1, 3) &&
    isDigits(zone, 4, 6)
  );
}

/** The `x-sunset` of a node as YYYY-MM-DD, or why it is not a date. */
export function sunsetOf(node: any): Sunset {
  if (!node || typeof node !== 'object' || !('x-sunset' in node)) {
    return { present: false };
  }
  const raw = node['x-sunset'];
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) {
    return { present: true, date: raw.toISOString().slice(0, 10) };
  }
  if (typeof raw === 'string') {
    if (validDay(raw)) return { present: true, date: raw };
    if (validTime(raw)) return { present: true, date: raw.slice(0, 10) };
  }
  return {
    present: true,
    invalid: `x-sunset ${JSON.stringify(
      raw,
    )} is not a date (YYYY-MM-DD) nor an RFC 3339 time`,
  };
}

/** The sunset date when there is a valid one. */
export function sunsetDate(node: any): string | undefined {
  const sunset = sunsetOf(node);
  return sunset.present && 'date' in sunset ? sunset.date : undefined;
}

/** Whole days from `today` to `date`, both YYYY-MM-DD. */
export function daysBetween(today: string, date: string): number {
  return Math.round(
    (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) /
      86_400_000,
  );
}

/** How a newly deprecated element stands against the sunset policy. */
export type DeprecationVerdict =
  | { kind: 'deprecated' }
  | { kind: 'deprecated-with-sunset'; sunset: string }
  | { kind: 'sunset-missing'; minDays: number }
  | { kind: 'sunset-invalid'; reason: string }
  | { kind: 'sunset-too-soon'; sunset: string; minDays: number };

export function judgeDeprecation(
  node: any,
  minDays: number,
  today: string,
): DeprecationVerdict {
  const sunset = sunsetOf(node);
  if (!sunset.present) {
    return minDays > 0
      ? { kind: 'sunset-missing', minDays }
      : { kind: 'deprecated' };
  }
  if ('invalid' in sunset)
    return { kind: 'sunset-invalid', reason: sunset.invalid };
  if (daysBetween(today, sunset.date) < minDays) {
    return { kind: 'sunset-too-soon', sunset: sunset.date, minDays };
  }
  return { kind: 'deprecated-with-sunset', sunset: sunset.date };
}

/** How the removal of an element stands against its deprecation. */
export type RemovalVerdict =
  | { kind: 'without-deprecation' }
  | { kind: 'with-deprecation'; sunset?: string }
  | { kind: 'sunset-invalid'; reason: string }
  | { kind: 'before-sunset'; sunset: string }
  /** Deprecated and past its sunset: removing it is what was announced. */
  | { kind: 'after-sunset'; sunset: string };

export function judgeRemoval(node: any, today: string): RemovalVerdict {
  if (node?.deprecated !== true) return { kind: 'without-deprecation' };
  const sunset = sunsetOf(node);
  if (!sunset.present) return { kind: 'with-deprecation' };
  if ('invalid' in sunset)
    return { kind: 'sunset-invalid', reason: sunset.invalid };
  if (today < sunset.date)
    return { kind: 'before-sunset', sunset: sunset.date };
  return { kind: 'after-sunset', sunset: sunset.date };
}
