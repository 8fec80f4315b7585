import { codeOfStatus, TransferError, type TransferAction } from './handler.ts';

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
