/**
 * A token bucket per key, in memory: each key may take `perSecond` tokens a
 * second, in bursts of up to as many. Each replica limits on its own. Keys
 * are bounded: past `maxKeys` the longest-unused key is forgotten.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes a token; when there is none, the seconds until there is one. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    const last = this.buckets.get(key);
    const tokens = last
      ? Math.min(
          this.perSecond,
          last.tokens + ((now - last.at) / 1000) * this.perSecond,
        )
      : this.perSecond;
    this.buckets.delete(key); // re-inserted last: the map stays in order of use
    if (this.buckets.size >= this.maxKeys) {
      this.buckets.delete(this.buckets.keys().next().value!);
    }
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return {
        ok: false,
        retryAfterSeconds: Math.max(
          1,
          Math.ceil((1 - tokens) / this.perSecond),
        ),
      };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return { ok: true };
  }
}
