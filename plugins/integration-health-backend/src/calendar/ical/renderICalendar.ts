import { nameOf } from '../nameOf';
import { CalendarEntry } from '@integration-health/plugin-integration-health-common';

/** RFC 5545 text escaping (3.3.11). */
function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // Other control characters are not allowed in TEXT (tab is).
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

/** A URI value (3.3.13) is not escaped: control characters are dropped. */
function uri(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]/g, '');
}

/** Folds a content line at 75 octets (3.1), without splitting a UTF-8 character. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Step back over UTF-8 continuation bytes.
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // continuation lines start with a space
  }
  return parts.join('\r\n ');
}

const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const date = (iso: string) => iso.slice(0, 10).replace(/-/g, '');
const nextDay = (iso: string) =>
  date(new Date(Date.parse(iso.slice(0, 10)) + 86_400_000).toISOString());

function describe(entry: CalendarEntry): string {
  const lines = [
    entry.description ?? '',
    ...entry.changes.map(
      c => `${c.level.toUpperCase()} ${c.location}: ${c.message}`,
    ),
    `Acknowledge by ${entry.acknowledgeBy.slice(0, 10)}.`,
    ...entry.consumers.map(c => {
      const ack = c.acknowledgement
        ? ` by ${nameOf(
            c.acknowledgement.byRef,
          )} on ${c.acknowledgement.at.slice(0, 10)}${
            c.acknowledgement.note ? `: ${c.acknowledgement.note}` : ''
          }`
        : '';
      const previous = c.previousAcknowledgement;
      const reack = c.needsReacknowledgement
        ? `, needs re-acknowledgement${
            previous
              ? ` (acknowledged by ${nameOf(
                  previous.byRef,
                )} on ${previous.at.slice(0, 10)}, before the entry changed)`
              : ''
          }`
        : '';
      return `${nameOf(c.consumerRef)}: ${c.state}${ack}${reack}`;
    }),
    entry.migrationNotes ? `Migration: ${entry.migrationNotes}` : '',
    entry.migrationUrl ?? '',
  ];
  return lines.filter(Boolean).join('\n');
}

/**
 * A read-only iCalendar feed: one all-day event per entry on its effective
 * date. UID stays with the entry and SEQUENCE follows its changes, so
 * calendar clients update events in place; cancelled entries are sent as
 * cancelled so clients remove them.
 */
export function renderICalendar(options: {
  name: string;
  entries: CalendarEntry[];
  link: (entry: CalendarEntry) => string;
  now: Date;
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Integration Health for Backstage//Breaking-change calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
  ];
  for (const entry of options.entries) {
    const pending = entry.consumers.filter(
      c => c.state !== 'acknowledged',
    ).length;
    const state = entry.cancelledAt
      ? 'cancelled'
      : `${entry.consumers.length - pending}/${
          entry.consumers.length
        } acknowledged`;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${entry.id}@integration-health`,
      `DTSTAMP:${stamp(options.now.toISOString())}`,
      `LAST-MODIFIED:${stamp(entry.updatedAt)}`,
      `SEQUENCE:${entry.revision}`,
      `DTSTART;VALUE=DATE:${date(entry.effectiveAt)}`,
      `DTEND;VALUE=DATE:${nextDay(entry.effectiveAt)}`,
      `SUMMARY:${escapeText(`${entry.title} (${state})`)}`,
      `DESCRIPTION:${escapeText(describe(entry))}`,
      `URL:${uri(options.link(entry))}`,
      `CATEGORIES:${escapeText(nameOf(entry.apiRef))}`,
      `STATUS:${entry.cancelledAt ? 'CANCELLED' : 'CONFIRMED'}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
