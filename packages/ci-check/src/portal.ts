/** A command line the user can fix: printed with the usage. */
export class UsageError extends Error {}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The token is sent to this URL: https, or plain http only to this machine. */
function assertSafeUrl(url: string) {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${url} is not a URL`);
  }
  if (parsed.protocol === 'https:') return;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return;
  throw new UsageError(
    `${url} would send the token unencrypted: use https (plain http only to localhost)`,
  );
}

export type Portal = { url: string; token: string };

/**
 * Where the portal is and the token to send it: the URL from `--url` or
 * BACKSTAGE_URL, the token from BACKSTAGE_TOKEN only (never `--token`:
 * arguments are visible to every user of the machine).
 */
export function portalOf(
  values: { url?: string; token?: string },
  env: Record<string, string | undefined>,
): Portal {
  if (values.token !== undefined) {
    throw new UsageError(
      'pass the token in BACKSTAGE_TOKEN, not as --token: arguments are visible to every user of the machine',
    );
  }
  const url = (values.url ?? env.BACKSTAGE_URL)?.replace(/\/+$/, '');
  const token = env.BACKSTAGE_TOKEN;
  if (!url) throw new UsageError('--url or BACKSTAGE_URL is required');
  if (!token) throw new UsageError('BACKSTAGE_TOKEN is required');
  assertSafeUrl(url);
  return { url, token };
}

/** The portal answered, but not with what was asked: says how. */
export class PortalError extends Error {}

/** Calls the plugin's API and answers its JSON, or throws a PortalError saying what went wrong. */
export async function callPortal<T>(
  portal: Portal,
  path: string,
  init: { method?: string; body?: unknown; what: string },
): Promise<T> {
  const response = await fetch(`${portal.url}/api/integration-health${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body !== undefined
        ? { 'Content-Type': 'application/json' }
        : {}),
      Authorization: `Bearer ${portal.token}`,
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: AbortSignal.timeout(120_000),
  });
  const text = await response.text();
  let answer: any;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new PortalError(
      `The portal answered ${
        response.status
      } with something that is not JSON: ${text.slice(0, 200)}`,
    );
  }
  if (!response.ok) {
    throw new PortalError(
      `The portal refused ${init.what} (${response.status}): ${
        answer?.error?.message ?? text.slice(0, 200)
      }`,
    );
  }
  return answer as T;
}
