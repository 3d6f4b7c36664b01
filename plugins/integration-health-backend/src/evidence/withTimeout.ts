/**
 * Runs `work` with a signal that aborts after `timeoutMs`, and rejects then
 * even if the work ignores the signal: a source's time on a sync is bounded.
 */
export function withTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  return Promise.race([work(controller.signal), timeout]).finally(() =>
    clearTimeout(timer),
  );
}
