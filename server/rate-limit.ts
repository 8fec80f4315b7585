/**
 * Token buckets: the relay keeps one per connection, and one per user, per address and per room
 * (`BucketMap`) to cap how fast frames and messages come in across connections.
 */

/** How fast a connection may go: `perSecond` on average, up to `burst` at once. */
export interface RateLimit {
  /** Tokens added per second. */
  perSecond: number;
  /** Largest number of tokens held (and the number a new connection starts with). */
  burst: number;
}

/** Default per-connection limit: 200 frames a second, bursts of 500. */
export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 200, burst: 500 };

/** One bucket. `take()` spends a token, or says how long until one is there. */
export interface TokenBucket {
  /** `0` when a token was spent; otherwise the whole milliseconds to wait before one is available (nothing spent). */
  take(): number;
}

/** A full bucket for `limit`; `now` (ms) is injectable for tests. */
export function createTokenBucket(limit: RateLimit, now: () => number = () => performance.now()): TokenBucket {
  const perSecond = Math.max(limit.perSecond, Number.MIN_VALUE);
  const burst = Math.max(limit.burst, 1);
  let tokens = burst;
  let updatedAt = now();
  return {
    take() {
      const time = now();
      tokens = Math.min(burst, tokens + ((time - updatedAt) * perSecond) / 1000);
      updatedAt = time;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil(((1 - tokens) * 1000) / perSecond));
    },
  };
}

/** Buckets by key (a user id, an address, a room): made on first use, forgotten once idle long enough to be full again. */
export interface BucketMap {
  /** Spends a token of `key`'s bucket; as `TokenBucket.take`. */
  take(key: string): number;
  /** Forgets buckets not used for as long as a refill takes (call now and then). */
  prune(): void;
  /** How many buckets are held. */
  readonly size: number;
}

/** An empty `BucketMap` for `limit`; `now` (ms) is injectable for tests. */
export function createBucketMap(limit: RateLimit, now: () => number = () => performance.now()): BucketMap {
  const buckets = new Map<string, { bucket: TokenBucket; usedAt: number }>();
  const refillMs = (Math.max(limit.burst, 1) * 1000) / Math.max(limit.perSecond, Number.MIN_VALUE);
  return {
    take(key) {
      let entry = buckets.get(key);
      if (entry === undefined) buckets.set(key, (entry = { bucket: createTokenBucket(limit, now), usedAt: 0 }));
      entry.usedAt = now();
      return entry.bucket.take();
    },
    prune() {
      const time = now();
      for (const [key, entry] of buckets) if (time - entry.usedAt >= refillMs) buckets.delete(key);
    },
    get size() {
      return buckets.size;
    },
  };
}
