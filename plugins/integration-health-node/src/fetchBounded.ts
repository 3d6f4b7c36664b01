/**
 * What came back: the status and the body as text, never more than the bound.
 *
 * @public
 */
export type BoundedResponse = {
  status: number;
  statusText: string;
  text: string;
};

function describe(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  const cause = (error as { cause?: Error })?.cause?.message;
  return cause && cause !== message ? `${message}: ${cause}` : message;
}

async function readText(
  response: Response,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * GETs `url` with the given headers and reads the whole body, or throws an
 * `ErrorType` saying why not: the request took longer than `timeoutMs`
 * (headers and body together), `signal` aborted, the body is larger than
 * `maxBytes`, the server redirected (refused, so the headers go nowhere
 * else) or could not be reached. The request listens to `signal` only while
 * it runs, so one signal can serve many requests. For evidence and
 * observation sources that read other systems' HTTP APIs.
 *
 * @public
 */
export async function fetchBounded(
  url: URL,
  options: {
    headers: Record<string, string>;
    signal: AbortSignal;
    timeoutMs: number;
    maxBytes: number;
    ErrorType: new (message: string) => Error;
  },
): Promise<BoundedResponse> {
  const { signal, timeoutMs, maxBytes, ErrorType } = options;
  const where = `GET ${url.origin}${url.pathname}`;
  const request = new AbortController();
  const abort = () => request.abort(signal.reason);
  if (signal.aborted) abort();
  else signal.addEventListener('abort', abort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    request.abort();
  }, timeoutMs);
  try {
    const response = await fetch(url, {
      headers: options.headers,
      signal: request.signal,
      redirect: 'error',
    });
    const text = await readText(
      response,
      maxBytes,
      () =>
        new ErrorType(
          `${where} answered more than ${Math.round(
            maxBytes / 1e6,
          )} MB; not read`,
        ),
    );
    return { status: response.status, statusText: response.statusText, text };
  } catch (error) {
    if (error instanceof ErrorType) throw error;
    if (timedOut) {
      throw new ErrorType(`${where} took longer than ${timeoutMs / 1000} s`);
    }
    if (signal.aborted) {
      throw new ErrorType(`${where} was aborted: ${describe(signal.reason)}`);
    }
    const why = describe(error);
    if (/redirect/i.test(why)) {
      throw new ErrorType(
        `${where} answered a redirect, which is not followed so the headers go nowhere else`,
      );
    }
    throw new ErrorType(`${where} failed: ${why}`);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
}
