/** The broker answered, but not usefully (an HTTP error, not JSON, a link elsewhere). */
export class PactBrokerError extends Error {
  name = 'PactBrokerError';
}

export type PactBrokerAuth =
  | { token: string }
  | { username: string; password: string }
  | undefined;

type Hal = Record<string, any>;

/** Most pages followed for one list; a broker that links on forever is cut off. */
const MAX_PAGES = 100;

/**
 * Reads a Pact Broker's HAL API. Every link it follows must stay on the
 * broker's origin, so the credentials never go anywhere else.
 */
export class PactBrokerClient {
  private readonly base: URL;

  constructor(baseUrl: string, private readonly auth: PactBrokerAuth) {
    this.base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  }

  private resolve(pathOrHref: string): URL {
    const url = new URL(pathOrHref.replace(/^\//, ''), this.base);
    if (url.origin !== this.base.origin) {
      throw new PactBrokerError(
        `the broker linked to ${url.origin}, which is not the broker; not followed`,
      );
    }
    return url;
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = {
      Accept: 'application/hal+json, application/json',
    };
    if (this.auth && 'token' in this.auth) {
      headers.Authorization = `Bearer ${this.auth.token}`;
    } else if (this.auth) {
      headers.Authorization = `Basic ${Buffer.from(
        `${this.auth.username}:${this.auth.password}`,
      ).toString('base64')}`;
    }
    return headers;
  }

  /**
   * The JSON document at a path or link; undefined when the broker says 404.
   * Each request listens to `signal` only while it runs: one signal serves
   * thousands of requests in a collection, and listeners left on it would
   * pile up (Node's fetch drops its own only when collected).
   */
  async get(pathOrHref: string, signal: AbortSignal): Promise<Hal | undefined> {
    const request = new AbortController();
    const abort = () => request.abort(signal.reason);
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
    try {
      return await this.fetchJson(pathOrHref, request.signal);
    } finally {
      signal.removeEventListener('abort', abort);
    }
  }

  private async fetchJson(
    pathOrHref: string,
    signal: AbortSignal,
  ): Promise<Hal | undefined> {
    const url = this.resolve(pathOrHref);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: this.headers(),
        signal,
        redirect: 'error',
      });
    } catch (error) {
      throw new PactBrokerError(
        `GET ${url.pathname}${url.search} failed: ${(error as Error).message}`,
      );
    }
    if (response.status === 404) return undefined;
    const text = await response.text();
    if (!response.ok) {
      throw new PactBrokerError(
        `GET ${url.pathname}${url.search} answered ${response.status} ${response.statusText}`.trim(),
      );
    }
    try {
      const json = JSON.parse(text);
      if (typeof json !== 'object' || json === null || Array.isArray(json))
        throw new Error('not an object');
      return json;
    } catch (error) {
      throw new PactBrokerError(
        `GET ${url.pathname}${
          url.search
        } answered something that is not a JSON document (${
          (error as Error).message
        })`,
      );
    }
  }

  /** Every embedded item of a paginated list, following `_links.next`. */
  async list(
    path: string,
    embedded: string,
    signal: AbortSignal,
  ): Promise<Hal[]> {
    const items: Hal[] = [];
    let next: string | undefined = path;
    for (let page = 0; next; page++) {
      if (page === MAX_PAGES) {
        throw new PactBrokerError(`${path} has more than ${MAX_PAGES} pages`);
      }
      const document = await this.get(next, signal);
      if (!document) break;
      const found = document._embedded?.[embedded];
      if (!Array.isArray(found)) {
        throw new PactBrokerError(`${path} has no _embedded.${embedded} list`);
      }
      items.push(...found);
      next = document._links?.next?.href;
    }
    return items;
  }
}
