import { codeOfStatus, TransferError, type TransferAction } from './handler.ts';
import { isRetryableStatus, parseRetryAfter, type AttemptFailure } from './retry-policy.ts';

/** What `httpError` knows besides the status. */
export interface HttpErrorDetails {
  /** The server's own sentence (its JSON `error`), kept as the message for logs. */
  reason?: string;
  /** The largest file the server accepts, in bytes, when it said. */
  maxFileSize?: number;
  /** Whether trying again may help. Default false. */
  isRetryable?: boolean;
}

/**
 * The error of a transfer the server refused, or that got no answer (`status` 0): its code comes
 * from the status (413 → `too-large`, 0 → `network`…); the user reads the code's sentence in the
 * widget's language, the message is for logs.
 */
export function httpError(status: number, action: TransferAction, { reason, maxFileSize, isRetryable = false }: HttpErrorDetails = {}): TransferError {
  const message = reason ?? (status === 0 ? `The ${action} got no answer: the server could not be reached.` : `The server answered ${status} to the ${action}.`);
  return new TransferError(message, { code: codeOfStatus(status), ...(status !== 0 && { status }), isRetryable, ...(maxFileSize !== undefined && { maxFileSize }) });
}

/** Reads the server's own sentence and size limit from a JSON error body, when it has them. */
export function serverAnswer(request: XMLHttpRequest | undefined): Pick<HttpErrorDetails, 'reason' | 'maxFileSize'> {
  try {
    const body = JSON.parse(request?.responseText ?? '') as { error?: unknown; maxFileSize?: unknown };
    return {
      ...(typeof body.error === 'string' && { reason: body.error }),
      ...(Number.isSafeInteger(body.maxFileSize) && (body.maxFileSize as number) >= 0 && { maxFileSize: body.maxFileSize as number }),
    };
  } catch {
    return {};
  }
}

/**
 * Whether a 401 says the bearer token expired: the reference server's JSON `code: 'token-expired'`,
 * or `WWW-Authenticate: Bearer error="invalid_token", error_description="expired"` (readable
 * cross-origin only when the server exposes it).
 */
export function isTokenExpiredAnswer(status: number, request: XMLHttpRequest | undefined): boolean {
  if (status !== 401) return false;
  // All the headers, not `getResponseHeader`, which logs an error for a header not exposed cross-origin.
  if (/^www-authenticate:.*error_description="expired"/im.test(request?.getAllResponseHeaders() ?? '')) return true;
  try {
    return (JSON.parse(request?.responseText ?? '') as { code?: unknown }).code === 'token-expired';
  } catch {
    return false;
  }
}

/**
 * What a failed upload request (`status` 0: no answer) tells the retry policy: its error, with the
 * server's own sentence and limit, retryable when `isRetryable` says (default: no answer, 5xx and
 * 429); the server's `Retry-After` wait (readable cross-origin only when the server exposes the
 * header); and whether the bearer token expired.
 */
export function uploadFailure(status: number, request: XMLHttpRequest | undefined, isRetryable: (status: number) => boolean = isRetryableStatus): AttemptFailure {
  const failure: AttemptFailure = { error: httpError(status, 'upload', { ...serverAnswer(request), isRetryable: isRetryable(status) }) };
  const retryAfterMs = parseRetryAfter(request?.getResponseHeader('Retry-After'));
  if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
  if (isTokenExpiredAnswer(status, request)) failure.isTokenExpired = true;
  return failure;
}
