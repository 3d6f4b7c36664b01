/**
 * True for an absolute http(s) URL: the only links from stored data that
 * are rendered as links (never `javascript:` or `data:`).
 */
export function isHttpUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
