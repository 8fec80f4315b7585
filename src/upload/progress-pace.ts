/**
 * A transfer's progress is shown at most this often. Each shown step renders its bubble again
 * (the bar and its words), while an upload reports some 20 steps a second and a download one per
 * chunk read (thousands for a big file): measured on a 1 GB send, that page work took CPU the
 * transfer itself needed. A person reads no faster.
 */
export const PROGRESS_INTERVAL_MS = 250;

/** Paces the progress of one transfer (`createProgressPace`). */
export interface ProgressPace {
  /** Shows `step` now, dropping a paced step still waiting. */
  now(step: () => void): void;
  /** Shows `step` now if the last step shown is `intervalMs` old, else when it is (only the newest step waiting is shown). */
  paced(step: () => void): void;
  /** Drops a paced step still waiting: call it once the transfer has settled. */
  stop(): void;
}

/** Paces one transfer's progress steps to at most one every `intervalMs`; steps that change what kind of state shows go through `now`. */
export function createProgressPace(intervalMs = PROGRESS_INTERVAL_MS): ProgressPace {
  let shownAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting: (() => void) | undefined;
  const stop = () => {
    clearTimeout(timer);
    timer = undefined;
    waiting = undefined;
  };
  const now = (step: () => void) => {
    stop();
    shownAt = performance.now();
    step();
  };
  return {
    now,
    stop,
    paced(step) {
      const waitMs = shownAt + intervalMs - performance.now();
      if (waitMs <= 0) return now(step);
      waiting = step;
      timer ??= setTimeout(() => now(waiting!), waitMs);
    },
  };
}
