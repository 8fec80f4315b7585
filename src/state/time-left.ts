/** How long the rate is averaged over: long enough to ride out bursts, short enough to follow a changing link. */
const SMOOTHING_MS = 3000;
/** Samples closer than this are folded into the next one (progress events can come every few ms). */
const MIN_SAMPLE_MS = 200;
/** No estimate before this much of the transfer has been watched. */
const WARM_UP_MS = 1000;

/**
 * Estimates the time left of a transfer from its progress: the rate is a moving average over the
 * last few seconds (weighted by time), so one burst or pause does not swing it. `update` returns
 * the milliseconds left, or `undefined` while there is too little to tell (the first second, no
 * bytes moving). Progress going back (a retry) starts the estimate over.
 */
export function createTimeLeft(now: () => number = () => performance.now()) {
  let first: number | undefined;
  let last: { time: number; sent: number } | undefined;
  let bytesPerMs: number | undefined;

  return {
    update(sent: number, total: number): number | undefined {
      const time = now();
      if (!last || sent < last.sent) {
        first = time;
        last = { time, sent };
        bytesPerMs = undefined;
        return undefined;
      }
      const elapsed = time - last.time;
      if (elapsed >= MIN_SAMPLE_MS) {
        const rate = (sent - last.sent) / elapsed;
        bytesPerMs = bytesPerMs === undefined ? rate : bytesPerMs + (rate - bytesPerMs) * Math.min(1, elapsed / SMOOTHING_MS);
        last = { time, sent };
      }
      if (bytesPerMs === undefined || bytesPerMs <= 0 || time - first! < WARM_UP_MS) return undefined;
      return Math.max(0, (total - sent) / bytesPerMs);
    },
  };
}
