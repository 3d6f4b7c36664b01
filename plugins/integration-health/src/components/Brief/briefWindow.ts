import { parseEntityRef } from '@backstage/catalog-model';
import { BriefSubject } from '@integration-health/plugin-integration-health-common';

/** The windows a reader can choose, in days back from today. */
export const BRIEF_WINDOWS = [30, 90, 365] as const;

/** One of the windows a reader can choose. */
export type BriefWindowDays = (typeof BRIEF_WINDOWS)[number];

const DAY_MS = 86_400_000;

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The last `days` days up to today (UTC), as the dates the backend reads. */
export function briefWindow(
  days: number,
  now: Date = new Date(),
): { from: string; to: string } {
  const to = Date.parse(isoDay(now.getTime()));
  return { from: isoDay(to - days * DAY_MS), to: isoDay(to) };
}

const slugify = (text: string) =>
  text
    .toLocaleLowerCase('en-US')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join('-');

const refName = (ref: string) => {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
};

/** The file name's part that says what the brief is about. */
export function briefSlug(subject: BriefSubject): string {
  let words: string;
  if (subject.kind === 'entity') {
    words = refName(subject.entityRef);
  } else if (subject.kind === 'teams') {
    words = subject.teamRefs.map(refName).join(' and ');
  } else {
    words = subject.integrationId;
  }
  return slugify(words) || 'subject';
}

/** `integration-brief-<slug>.md` */
export const briefFileName = (subject: BriefSubject) =>
  `integration-brief-${briefSlug(subject)}.md`;

/**
 * The brief's links as hrefs: absolute http(s) URLs and paths inside the
 * app; anything else (`javascript:`, `data:`, `//host`, `/\host`) is shown as text.
 */
export function safeHref(link: string | undefined): string | undefined {
  if (!link) return undefined;
  // A second slash or a backslash would make the path another host.
  if (link.startsWith('/')) return /^\/[^/\\]/.test(link) ? link : undefined;
  try {
    const { protocol } = new URL(link);
    return protocol === 'http:' || protocol === 'https:' ? link : undefined;
  } catch {
    return undefined;
  }
}

/** Saves text as a file through the browser. */
export function saveTextFile(text: string, fileName: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
