/**
 * Replaces `lodash/throttle` (and the lodash modules it needs: debounce, toNumber, isObject, now…,
 * about 3 KB brotli) in the drop-in build. @uppy/core throttles the update of its total progress
 * with it, `throttle(update, 500, { leading: true, trailing: true })`, and calls nothing else on
 * the throttled function.
 *
 * Covers: throttling on both edges (lodash's default, what Uppy asks for): the first call runs at
 * once; calls within `wait` ms after a run make one more run when those ms are over, with the last
 * call's arguments; runs are never less than `wait` ms apart. No `cancel()` or `flush()` (Uppy uses
 * neither); any other option than both edges is refused rather than ignored.
 */
export default function throttle<Args extends unknown[]>(
  run: (...args: Args) => unknown,
  wait: number,
  options?: { leading?: boolean; trailing?: boolean },
): (...args: Args) => void {
  if (options?.leading === false || options?.trailing === false) throw new TypeError('throttle runs on both edges only');
  let lastRun = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: Args;
  const runNow = (args: Args) => {
    lastRun = performance.now();
    run(...args);
  };
  return (...args) => {
    const remaining = lastRun + wait - performance.now();
    if (timer === undefined && remaining <= 0) return runNow(args);
    pending = args;
    timer ??= setTimeout(() => {
      timer = undefined;
      runNow(pending);
    }, remaining);
  };
}
