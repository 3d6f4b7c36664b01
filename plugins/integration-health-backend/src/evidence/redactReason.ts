const URL_PATTERN = /\b(https?|file|ftp):\/\/[^\s'"<>()]+/gi;
// An absolute path: a slash-separated run of at least two segments.
const PATH_PATTERN = /(^|[\s'"(=:])(\/[^\s'"()/]+(?:\/[^\s'"()/]+)+)/g;

/**
 * A source's error as users see it: URLs keep only their origin, file paths
 * only their last part, so that no host path, query string (tokens travel in
 * some) or file layout of the backend reaches the page. The full error is
 * in the backend's log.
 */
export function redactReason(reason: string): string {
  return reason
    .replace(URL_PATTERN, url => {
      try {
        return `${new URL(url).origin}/…`;
      } catch {
        return '…';
      }
    })
    .replace(
      PATH_PATTERN,
      (_, before: string, path: string) =>
        `${before}…/${path.slice(path.lastIndexOf('/') + 1)}`,
    );
}
