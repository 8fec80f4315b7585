/** A token bucket: the relay keeps one per connection to cap how fast it may send frames. */

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
