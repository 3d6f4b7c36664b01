/**
 * `fn` over every item with at most `limit` calls running at once, results
 * in the items' order. The first failure stops new calls and is thrown once
 * the running ones have settled. For sources that wait on other systems
 * (HTTP APIs, the file system) for many items.
 *
 * @public
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker),
  );
  if (failure) throw failure.error;
  return results;
}
