import { TransferError } from './handler.ts';

/**
 * When an upload is tried again. Only failures that may pass next time are retried: no answer
 * (network error), 5xx and 429. Any other 4xx (400, 401, 403, 413…) is final at once.
 */
export interface RetryPolicy {
  /**
   * The wait before each retry, in ms; its length is the number of retries. Default
   * `[300, 600, 1200]`: Uppy's own fetcher schedule, stated here so it can be read and tested.
   */
  delaysMs: readonly number[];
  /**
   * Longest `Retry-After` honoured, in ms. A server asking for a longer wait is not retried
   * automatically (the user can press Retry later). Default 120 000.
   */
  maxRetryAfterMs: number;
}

/** The default policy: Uppy's delays (300, 600, 1200 ms), `Retry-After` honoured up to 2 minutes. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ delaysMs: Object.freeze([300, 600, 1200]), maxRetryAfterMs: 120_000 });

/** Whether an HTTP status (0 = no answer) may pass when tried again: network errors, 5xx, 429. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 429 || status >= 500;
}

/**
 * The wait a `Retry-After` header asks for, in ms: either delay-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`, measured from `now`). `undefined` when absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!/^[A-Za-z]{3}/.test(value)) return undefined; // every HTTP date form starts with the day's name
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What one failed attempt tells the policy. */
export interface AttemptFailure {
  error: TransferError;
  /** The server's `Retry-After` wait in ms, when it sent one (and it was readable). */
  retryAfterMs?: number;
  /** Whether the server refused the bearer token as expired (`renewingToken` then asks for a fresh one). */
  isTokenExpired?: boolean;
}

/**
 * How long to wait before retry number `retry` (1-based) after `failure`, or `undefined` to give
 * up: the failure is final, the retries are used up, or the server asks for too long a wait.
 */
export function delayBeforeRetry(policy: RetryPolicy, retry: number, failure: AttemptFailure): number | undefined {
  if (!failure.error.isRetryable || retry > policy.delaysMs.length) return undefined;
  const scheduled = policy.delaysMs[retry - 1]!;
  if (failure.retryAfterMs === undefined) return scheduled;
  return failure.retryAfterMs > policy.maxRetryAfterMs ? undefined : Math.max(scheduled, failure.retryAfterMs);
}

/** What `withRetries` reports before each retry. */
export interface RetryNotice {
  /** Which retry comes next (1 = the first retry). */
  attempt: number;
  /** How long until it starts, in ms. */
  delayMs: number;
  /** Why the previous attempt failed. */
  error: TransferError;
}

/** Options of `withRetries`. */
export interface WithRetriesOptions {
  policy: RetryPolicy;
  /** Cancels the wait between attempts (the running attempt watches it itself). */
  signal: AbortSignal;
  /** Told before each retry, e.g. to show "Retrying in 1 s". */
  onRetry?(notice: RetryNotice): void;
  /** Waits `ms`; replaceable in tests. Default: a timer that the signal cancels. */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
}

/** A timer that rejects with a `cancelled` error as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = () => {
      clearTimeout(timer);
      reject(new TransferError('Upload cancelled.', { code: 'cancelled' }));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', cancelled);
      resolve();
    }, ms);
    if (signal.aborted) cancelled();
    else signal.addEventListener('abort', cancelled, { once: true });
  });
}

/**
 * Runs `attempt` (given its 0-based number) until it succeeds, or the policy gives up: then the
 * last failure's error is thrown. An attempt fails by rejecting with an `AttemptFailure`.
 */
export async function withRetries<T>(attempt: (index: number) => Promise<T>, options: WithRetriesOptions): Promise<T> {
  const sleep = options.sleep ?? abortableSleep;
  for (let index = 0; ; index++) {
    try {
      return await attempt(index);
    } catch (caught) {
      const failure = toFailure(caught);
      if (options.signal.aborted) throw failure.error;
      const delayMs = delayBeforeRetry(options.policy, index + 1, failure);
      if (delayMs === undefined) throw failure.error;
      options.onRetry?.({ attempt: index + 1, delayMs, error: failure.error });
      await sleep(delayMs, options.signal);
    }
  }
}

/**
 * `attempt`, tried once more at once when the server refused its bearer token as expired: with the
 * token another upload renewed meanwhile, else with a fresh one from `renewToken`, put in
 * `headers.Authorization` (the same object, so later uploads carry it too) unless `renewToken` put
 * it there itself, as `<chat-widget>` does for the headers it keeps in step with its `token`.
 * Without a fresh token the failure stands. Without `renewToken`, `attempt` as is.
 */
export function renewingToken<T>(attempt: () => Promise<T>, headers: Record<string, string>, renewToken: (() => Promise<string | undefined>) | undefined): () => Promise<T> {
  if (!renewToken) return attempt;
  return async () => {
    const sent = headers.Authorization;
    try {
      return await attempt();
    } catch (caught) {
      if (!toFailure(caught).isTokenExpired) throw caught;
      if (headers.Authorization === sent) {
        const fresh = await renewToken().catch(() => undefined);
        if (!fresh) throw caught;
        if (headers.Authorization === sent) headers.Authorization = `Bearer ${fresh}`;
      }
      return attempt();
    }
  };
}

function toFailure(caught: unknown): AttemptFailure {
  if (caught instanceof TransferError) return { error: caught };
  if (typeof caught === 'object' && caught !== null && (caught as AttemptFailure).error instanceof TransferError) return caught as AttemptFailure;
  return { error: new TransferError(caught instanceof Error ? caught.message : 'The upload failed.') };
}
